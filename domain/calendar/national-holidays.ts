import { addDays, dateFromParts, type CalendarDate } from './calendar-date.js';

/** A national holiday kept as data: fixed day of the year or a day relative to Easter Sunday. */
export interface NationalHoliday {
  readonly name: string;
  readonly rule: { readonly month: number; readonly day: number } | { readonly daysAfterEaster: number };
  /** First year the holiday applies (inclusive). */
  readonly fromYear: number;
  /** Last year the holiday applies (inclusive); absent when still in force. */
  readonly toYear?: number;
  readonly source: string;
}

/**
 * Italian national holidays. Patron-saint days of single towns are deliberately absent: the
 * disciplinare excludes them from the festive tariff (seed disciplinare, SAD "Modalità di erogazione").
 */
export const nationalHolidays: readonly NationalHoliday[] = [
  { name: 'Capodanno', rule: { month: 1, day: 1 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  { name: 'Epifania', rule: { month: 1, day: 6 }, fromYear: 1985, source: 'DPR 792/1985' },
  { name: 'Pasqua', rule: { daysAfterEaster: 0 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  { name: "Lunedì dell'Angelo", rule: { daysAfterEaster: 1 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  {
    name: 'Festa della Liberazione',
    rule: { month: 4, day: 25 },
    fromYear: 1949,
    source: 'L. 260/1949 art. 2',
  },
  { name: 'Festa del Lavoro', rule: { month: 5, day: 1 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  { name: 'Festa della Repubblica', rule: { month: 6, day: 2 }, fromYear: 2001, source: 'L. 336/2000' },
  { name: 'Ferragosto', rule: { month: 8, day: 15 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  { name: 'San Francesco d’Assisi', rule: { month: 10, day: 4 }, fromYear: 2026, source: 'L. 151/2025' },
  { name: 'Ognissanti', rule: { month: 11, day: 1 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  {
    name: 'Immacolata Concezione',
    rule: { month: 12, day: 8 },
    fromYear: 1949,
    source: 'L. 260/1949 art. 2',
  },
  { name: 'Natale', rule: { month: 12, day: 25 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
  { name: 'Santo Stefano', rule: { month: 12, day: 26 }, fromYear: 1949, source: 'L. 260/1949 art. 2' },
];

const holidaysByYear = new Map<number, ReadonlyMap<CalendarDate, string>>();

/** The national holidays of a year, date → name. */
export function holidaysOfYear(year: number, holidays: readonly NationalHoliday[] = nationalHolidays) {
  const cached = holidays === nationalHolidays ? holidaysByYear.get(year) : undefined;
  if (cached) return cached;
  const easter = easterSunday(year);
  const result = new Map<CalendarDate, string>();
  for (const holiday of holidays) {
    if (year < holiday.fromYear || (holiday.toYear !== undefined && year > holiday.toYear)) continue;
    const date =
      'daysAfterEaster' in holiday.rule
        ? addDays(easter, holiday.rule.daysAfterEaster)
        : dateFromParts(year, holiday.rule.month, holiday.rule.day);
    if (date) result.set(date, holiday.name);
  }
  if (holidays === nationalHolidays) holidaysByYear.set(year, result);
  return result;
}

/** The name of the national holiday on `date`, or null. */
export function nationalHolidayOn(date: CalendarDate): string | null {
  return holidaysOfYear(Number(date.slice(0, 4))).get(date) ?? null;
}

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateFromParts(year, month, day) as CalendarDate;
}
