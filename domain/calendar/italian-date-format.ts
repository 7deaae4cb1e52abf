import { dayOf, isoWeekday, monthOf, yearOf, type CalendarDate } from './calendar-date.js';

const weekdayNames = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];
const monthNames = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

/** `05/01/2026`, the form Italian offices write on documents. */
export function formatShortItalianDate(date: CalendarDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `lunedì 5 gennaio 2026`. */
export function formatLongItalianDate(date: CalendarDate): string {
  return `${weekdayNames[isoWeekday(date) - 1]} ${dayOf(date)} ${monthNames[monthOf(date) - 1]} ${yearOf(date)}`;
}

/** `gennaio 2026`. */
export function formatItalianMonth(year: number, month: number): string {
  return `${monthNames[month - 1]} ${year}`;
}

/** Italian month names, index 0 = gennaio; shared with the parsers of written dates. */
export const italianMonthNames: readonly string[] = monthNames;
