import { dateFromParts, type CalendarDate } from '../calendar/calendar-date.js';
import { italianMonthNames } from '../calendar/italian-date-format.js';

const monthPattern = italianMonthNames.map((name) => `${name}|${name.slice(0, 3)}\\.?`).join('|');

const numericDate = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)/;
const isoDate = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const wordDate = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*(?:°|º|o\\b)?\\s+(${monthPattern})\\s+(\\d{4}|\\d{2})(?!\\d)`,
  'i',
);

/** What a found date looked like and where it was. */
export interface FoundDate {
  /** The date, or null when the text has the shape of a date that does not exist (31/02/2027). */
  readonly date: CalendarDate | null;
  readonly text: string;
}

/**
 * Finds the first date written the Italian way in `text`: `01/03/2027`, `1/3/27`, `1.3.27`,
 * `01-03-2027`, `1° marzo 2027`, `1 mar 2027`, `2027-03-01`. Two-digit years are put in the century
 * that makes the date no later than `latestYear + 1` (birth dates, forms of this year or next).
 */
export function findItalianDate(text: string, options: { latestYear: number }): FoundDate | null {
  const candidates: { index: number; found: FoundDate }[] = [];
  const iso = isoDate.exec(text);
  if (iso)
    candidates.push({
      index: iso.index,
      found: build(iso[0], Number(iso[1]), Number(iso[2]), Number(iso[3])),
    });
  const numeric = numericDate.exec(text);
  if (numeric) {
    candidates.push({
      index: numeric.index,
      found: build(
        numeric[0],
        fullYear(numeric[3]!, options.latestYear),
        Number(numeric[2]),
        Number(numeric[1]),
      ),
    });
  }
  const words = wordDate.exec(text);
  if (words) {
    const month = monthNumber(words[2]!);
    if (month)
      candidates.push({
        index: words.index,
        found: build(words[0], fullYear(words[3]!, options.latestYear), month, Number(words[1])),
      });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0]?.found ?? null;
}

function build(text: string, year: number, month: number, day: number): FoundDate {
  return { date: dateFromParts(year, month, day), text: text.trim() };
}

function fullYear(text: string, latestYear: number): number {
  if (text.length === 4) return Number(text);
  const twoDigits = Number(text);
  const thisCentury = Math.floor(latestYear / 100) * 100 + twoDigits;
  return thisCentury > latestYear + 1 ? thisCentury - 100 : thisCentury;
}

function monthNumber(text: string): number | null {
  const lower = text.toLowerCase().replace('.', '');
  const index = italianMonthNames.findIndex((name) => name === lower || name.slice(0, 3) === lower);
  return index >= 0 ? index + 1 : null;
}
