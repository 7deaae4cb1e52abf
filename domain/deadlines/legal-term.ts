import { addDays, type CalendarDate } from '../calendar/calendar-date.js';
import { workingDayOnOrAfter } from '../calendar/working-days.js';

/**
 * The day a procedure must be concluded: `termDays` calendar days after receipt (L. 241/1990
 * art. 2); a term ending on a Saturday, Sunday or holiday moves to the next working day (c.p.c.
 * art. 155, applied to administrative terms).
 */
export function procedureConclusionDate(receivedOn: CalendarDate, termDays: number): CalendarDate {
  return workingDayOnOrAfter(addDays(receivedOn, termDays));
}
