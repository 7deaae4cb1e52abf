/** Text compared without case, accents or typographic apostrophes. */
const fold = (value: unknown) =>
  typeof value === 'string'
    ? value
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[’`]/g, "'")
        .toLowerCase()
    : value;

/**
 * Where `actual` differs from what `expected` lists (keys it does not list are not compared): names
 * without case and accents, money to the cent. Empty when they agree.
 */
export function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: ${JSON.stringify(actual)}`];
    return expected.flatMap((item, index) => differences(actual[index], item, `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences((actual as Record<string, unknown>)[key], value, `${path}.${key}`),
    );
  }
  const same =
    typeof expected === 'number'
      ? Math.round((actual as number) * 100) === Math.round(expected * 100)
      : fold(actual) === fold(expected);
  return same ? [] : [`${path}: ${JSON.stringify(actual)} (atteso ${JSON.stringify(expected)})`];
}
