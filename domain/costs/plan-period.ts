import { firstDayOfMonth, lastDayOfMonth, type CalendarDate } from '../calendar/calendar-date.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';

/**
 * Where a plan without an end date ends: the calendar year it started in, or for services planned
 * by school year (SAAP: "budget relativo all'anno scolastico di riferimento", seed l. 1664, 1723) the
 * school year, which runs 1 September – 31 August (D.Lgs. 297/1994 art. 74).
 */
export function openEndedPeriodEnd(
  service: ServiceCode | null,
  startDate: CalendarDate,
  catalogue: Catalogue,
): CalendarDate {
  const year = Number(startDate.slice(0, 4));
  const bySchoolYear =
    service !== null && serviceDefinition(service, catalogue.services).forecast?.period === 'school_year';
  return bySchoolYear ? schoolYearOf(startDate).to : lastDayOfMonth(year, 12);
}

/** The school year a date falls in: 1 September – 31 August (D.Lgs. 297/1994 art. 74). */
export function schoolYearOf(date: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const year = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 9 ? year : year - 1;
  return { from: firstDayOfMonth(first, 9), to: lastDayOfMonth(first + 1, 8) };
}
