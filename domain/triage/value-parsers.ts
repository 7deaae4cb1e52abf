import type { Attendance } from '../requests/request-schemas.js';
import { parseItalianAmount, parseItalianDecimal } from '../text/italian-numbers.js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';
import type { Cents } from '../money.js';

const amountPattern =
  /(?:€|\beur(?:o|i)?\b)\s*-?\d[\d.\s]*(?:,\d{1,2})?|-?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|-?\d+(?:,\d{1,2})?(?:\s*(?:€|euro|eur)\b)?/i;

/** The first euro amount in `text`, in cents; null when there is none. */
export function findAmount(text: string): Cents | null {
  const match = amountPattern.exec(text);
  if (!match) return null;
  return parseItalianAmount(match[0].replace(/\s+(?=\d)/g, ''));
}

/** The first number in `text` (`200`, `200 ore`, `12,5`). */
export function findNumber(text: string): number | null {
  const match = /\d+(?:[.,]\d+)?/.exec(text);
  return match ? parseItalianDecimal(match[0]) : null;
}

/** Removes leading notes in brackets such as "(inserire codice come da legenda)". */
export function withoutLeadingNotes(text: string): string {
  let result = text.trim();
  while (result.startsWith('(')) {
    const end = result.indexOf(')');
    if (end < 0) return '';
    result = result.slice(end + 1).trim();
  }
  return result.replace(/^[\s:=\-–—.]+/, '').trim();
}

/** Text that says "nothing here": `-`, `/`, `nessuno`, `n.a.` … */
export function isPlaceholder(text: string): boolean {
  const normalized = normalizeForMatching(text);
  return normalized === '' || /^(nessun[oa]?|no|non previst[oa]|n a|na|xx+|_+|\/+|0)$/.test(normalized);
}

/** A codice fiscale as written (spaces and dots removed), or null when the text has none. */
export function findTaxCode(text: string): string | null {
  const exact = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/i.exec(
    text,
  );
  if (exact) return exact[0].toUpperCase();
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  return /^[A-Z0-9]{11,20}$/.test(compact) ? compact : null;
}

const activityCode = /\b(?:SAD\s*[-–]?\s*SADH|SAD|ADM|ADEA|SAAP|SIP)\s*[-–]\s*\d{2}(?:\s*[-–]\s*\d{2})?\b/gi;

/** The activity codes of the legend (`SAD-08`, `SAD - SADH-10`, `SIP-04`) found in `text`. */
export function findActivityCodes(text: string): string[] {
  return [...text.matchAll(activityCode)].map((match) =>
    match[0].toUpperCase().replace(/\s+/g, '').replace(/–/g, '-'),
  );
}

const weekdayNames: [string, number][] = [
  ['lunedi', 1],
  ['martedi', 2],
  ['mercoledi', 3],
  ['giovedi', 4],
  ['venerdi', 5],
  ['sabato', 6],
  ['domenica', 7],
];

/** Full time, horizontal or vertical part time (with its weekdays), from the form's words. */
export function parseAttendance(text: string): Attendance | null {
  const normalized = normalizeForMatching(text);
  const weekdays = weekdayNames
    .filter(([name]) => normalized.includes(name) || new RegExp(`\\b${name.slice(0, 3)}\\b`).test(normalized))
    .map(([, day]) => day);
  if (/part ?time verticale|verticale/.test(normalized))
    return { type: 'part_time_vertical', weekdays, text: text.trim() };
  if (/part ?time orizzontale|orizzontale/.test(normalized))
    return { type: 'part_time_horizontal', weekdays, text: text.trim() };
  if (/full ?time|tempo pieno/.test(normalized)) return { type: 'full_time', weekdays, text: text.trim() };
  if (/part ?time|tempo parziale/.test(normalized)) {
    return {
      type: weekdays.length > 0 ? 'part_time_vertical' : 'part_time_horizontal',
      weekdays,
      text: text.trim(),
    };
  }
  return null;
}
