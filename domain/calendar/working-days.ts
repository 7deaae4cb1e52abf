import { addDays, isoWeekday, type CalendarDate } from './calendar-date.js';
import { nationalHolidayOn } from './national-holidays.js';

// "Giorni lavorativi" = Monday–Friday minus national holidays (DOMAIN.md "Working days and holidays").
export function isWorkingDay(date: CalendarDate): boolean {
  return isoWeekday(date) <= 5 && nationalHolidayOn(date) === null;
}

// Festive SAD tariff: Sundays and national holidays, never patron days (disciplinare, SAD "Modalità di erogazione").
export function isFestiveDay(date: CalendarDate): boolean {
  return isoWeekday(date) === 7 || nationalHolidayOn(date) !== null;
}

/**
 * The date `count` working days after `from` (the day of receipt is not counted, as for every
 * "entro N giorni lavorativi" of the disciplinare). With count 0 it returns `from` itself.
 */
export function addWorkingDays(from: CalendarDate, count: number): CalendarDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a natural number: ${count}`);
  let date = from;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) remaining -= 1;
  }
  return date;
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function workingDayOnOrAfter(date: CalendarDate): CalendarDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/** The first working day of a month. */
export function firstWorkingDayOfMonth(year: number, month: number): CalendarDate {
  return workingDayOnOrAfter(`${year}-${String(month).padStart(2, '0')}-01` as CalendarDate);
}

/** Working days strictly after `from` up to and including `to`. */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (isWorkingDay(date)) count += 1;
  return count;
}
