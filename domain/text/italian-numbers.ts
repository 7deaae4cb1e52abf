import type { Cents } from '../money.js';

/**
 * A decimal written the Italian way: `16,5`, `1.234,50`, `200`; also `16.5` and `16:30` (hours and
 * minutes) as office software exports them. Returns null for anything else.
 */
export function parseItalianDecimal(text: string): number | null {
  const value = text.trim().replace(/\s+/g, '');
  if (/^\d{1,4}:[0-5]\d$/.test(value)) {
    const [hours, minutes] = value.split(':').map(Number);
    return (hours ?? 0) + (minutes ?? 0) / 60;
  }
  let normalized: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(value) || /^-?\d+,\d+$/.test(value)) {
    normalized = value.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d+(\.\d{1,2})?$/.test(value)) {
    normalized = value;
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(value)) {
    normalized = value.replace(/,/g, '');
  } else {
    return null;
  }
  const number = Number(normalized);
  return Number.isFinite(number) ? number : null;
}

/**
 * An amount of euro as written in forms: `€ 4.300,00`, `4300 euro`, `EUR 4.300`, `4.300,-`,
 * `€4300`. Returns cents, or null when the text is not an amount.
 */
export function parseItalianAmount(text: string): Cents | null {
  const cleaned = text
    .replace(/€|\beur(o|i)?\b|\beuro\b/gi, ' ')
    .replace(/,-+\s*$/, ',00')
    .replace(/[=]-?\s*$/, '')
    .trim();
  const match = /^-?[\d.,\s]+$/.test(cleaned) ? cleaned.replace(/\s+/g, '') : null;
  if (!match) return null;
  const euros = parseItalianDecimal(match);
  return euros === null ? null : Math.round(euros * 100);
}
