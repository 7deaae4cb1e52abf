import { normalizeForMatching } from '../../domain/text/normalize-for-matching.js';

/** Edit distance with transpositions (optimal string alignment), for typing slips. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** True when `word` is `target` give or take a slip (one for short words, two for long ones). */
export function isCloseWord(word: string, target: string): boolean {
  if (word === target) return true;
  const allowed = target.length >= 8 ? 2 : target.length >= 4 ? 1 : 0;
  return Math.abs(word.length - target.length) <= allowed && editDistance(word, target) <= allowed;
}

export function nameWords(text: string): string[] {
  return normalizeForMatching(text)
    .split(/[^a-z]+/)
    .filter((word) => word.length > 1);
}

/**
 * How well the words of a query name a person, 0–1, whatever their order ("maria bianchi",
 * "bianchi maira"): every query word must match a different word of the name.
 */
export function nameScore(query: readonly string[], surname: string, name: string): number {
  const words = [...nameWords(surname), ...nameWords(name)];
  if (query.length === 0 || words.length === 0) return 0;
  const used = new Set<number>();
  let total = 0;
  for (const word of query) {
    let best = -1;
    let bestScore = 0;
    words.forEach((candidate, index) => {
      if (used.has(index)) return;
      const score =
        candidate === word
          ? 1
          : isCloseWord(word, candidate)
            ? 1 - editDistance(word, candidate) / Math.max(word.length, candidate.length)
            : 0;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    if (best < 0) return 0;
    used.add(best);
    total += bestScore;
  }
  // A query naming only the surname is weaker than one naming the whole person.
  const coverage = used.size / words.length;
  return (total / query.length) * (0.8 + 0.2 * coverage);
}
