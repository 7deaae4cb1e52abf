import {
  compareDates,
  dateFromParts,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOf,
  yearOf,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';

/** The period a forecast authorises, and whether it came in time. */
export interface ForecastPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** The day the Comune was to send it by. */
  readonly dueBy: CalendarDate;
  readonly late: boolean;
}

/**
 * Seed l. 341-343 (SAD, likewise ADM and SIP): by 30 November, for the next calendar year; l. 1811
 * (SAAP): by 30 July, for the next school year (1 September – 31 August). A forecast received in the
 * first half of a year is for the year already running, and late. Without a single service, the
 * hourly services' common terms (SAD's).
 */
export function forecastPeriod(
  service: ServiceCode | null,
  receivedOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): ForecastPeriod {
  // A service without forecasts of its own is dated by the hourly services' common terms (SAD's).
  const rule =
    serviceDefinition(service ?? 'SAD', catalogue.services).forecast ??
    serviceDefinition('SAD', catalogue.services).forecast!;
  const by = rule.municipalityBy;
  const year = yearOf(receivedOn);
  if (rule.period === 'school_year') {
    const dueBy = yearlyDay(year, by);
    return {
      from: firstDayOfMonth(year, 9),
      to: lastDayOfMonth(year + 1, 8),
      dueBy,
      late: compareDates(receivedOn, dueBy) > 0,
    };
  }
  const covered = monthOf(receivedOn) >= 7 ? year + 1 : year;
  const dueBy = yearlyDay(covered - 1, by);
  return {
    from: firstDayOfMonth(covered, 1),
    to: lastDayOfMonth(covered, 12),
    dueBy,
    late: compareDates(receivedOn, dueBy) > 0,
  };
}

function yearlyDay(year: number, day: { readonly month: number; readonly day: number }): CalendarDate {
  return dateFromParts(year, day.month, day.day) ?? lastDayOfMonth(year, day.month);
}
