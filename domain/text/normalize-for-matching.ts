/**
 * Lower-case, accent-free, single-spaced text with apostrophes and hyphens turned into spaces, for
 * comparing names typed by people ("Rivolta d’Adda", "RIVOLTA D'ADDA", "rivolta dadda").
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´\-–—_.,;:()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
