import { addDays, dateFromParts, lastDayOfMonth, type CalendarDate } from '../calendar/calendar-date.js';
import { workingDayOnOrAfter } from '../calendar/working-days.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { ServiceCode } from '../catalogue/service-codes.js';

/** The spending-forecast deadlines of one year for one service. */
export interface ForecastDeadline {
  readonly service: ServiceCode;
  readonly year: number;
  readonly municipalityBy: CalendarDate;
  readonly agencyProposalBy: CalendarDate | null;
  readonly period: 'calendar_year' | 'school_year';
}

// Forecasts: by 30 November (SAAP 30 July; Tutela Minori proposal by 15 November) (disciplinare, Progetti in continuità FASE 1).
export function forecastDeadlines(year: number, catalogue: Catalogue = defaultCatalogue): ForecastDeadline[] {
  return catalogue.services.flatMap((service) => {
    const forecast = service.forecast;
    if (!forecast) return [];
    const proposal = forecast.agencyProposalBy;
    return [
      {
        service: service.code,
        year,
        municipalityBy: dateFromParts(
          year,
          forecast.municipalityBy.month,
          forecast.municipalityBy.day,
        ) as CalendarDate,
        agencyProposalBy: proposal ? dateFromParts(year, proposal.month, proposal.day) : null,
        period: forecast.period,
      },
    ];
  });
}

/** One quarter's spending summary for the Comuni. */
export interface QuarterlySummaryDate {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly dueOn: CalendarDate;
}

// Quarterly summary of spending per beneficiary (disciplinare, SAD FASE 9): sent on the first working day after the quarter.
export function quarterlySummaryDates(year: number): QuarterlySummaryDate[] {
  return ([1, 2, 3, 4] as const).map((quarter) => {
    const periodEnd = lastDayOfMonth(year, quarter * 3);
    return {
      year,
      quarter,
      periodStart: dateFromParts(year, quarter * 3 - 2, 1) as CalendarDate,
      periodEnd,
      dueOn: workingDayOnOrAfter(addDays(periodEnd, 1)),
    };
  });
}
