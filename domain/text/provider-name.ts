import { normalizeForMatching } from './normalize-for-matching.js';

const filler = /\b(coop|cooperativa|soc|sociale|onlus|scs|s c s|srl|a r l|arl|impresa|demo)\b/g;

/** A provider's name reduced to the words that tell it apart ("Coop. Sociale Il Girasole" → "il girasole"). */
export function providerKey(name: string): string {
  return normalizeForMatching(name).replace(filler, ' ').replace(/\s+/g, ' ').trim();
}

/** True when `written` (from a form) names the provider known by `names` (name and aliases). */
export function namesProvider(written: string, names: readonly string[]): boolean {
  const key = providerKey(written);
  if (key === '') return false;
  return names
    .map(providerKey)
    .some((name) => name !== '' && (name === key || name.includes(key) || key.includes(name)));
}
