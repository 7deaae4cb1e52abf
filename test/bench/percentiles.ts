/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** Prints figures as a table, or as one JSON object with `--json`. */
export function report(
  title: string,
  figures: Record<string, number>,
  notes: Record<string, string> = {},
): void {
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(figures));
    return;
  }
  console.log(title);
  const width = Math.max(...Object.keys(figures).map((key) => key.length));
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(width)}  ${value}`);
  for (const [key, value] of Object.entries(notes)) console.log(`  (${key}: ${value})`);
}
