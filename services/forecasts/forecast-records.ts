import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { ForecastPeriod } from '../../domain/forecasts/forecast-period.js';

/** Hours as a row stores them, in minutes; null stays null. */
export function minutesOfHours(hours: number | null): number | null {
  return hours === null ? null : Math.round(hours * 60);
}

/** One beneficiary's row of a forecast, as recorded when the forecast is handled. */
export interface NewForecastLine {
  readonly taxCode: string;
  /** The Comune's running project the row continues; null for a new user. */
  readonly continuedProjectId: string | null;
  readonly annualMinutes: number | null;
  readonly festiveMinutes: number | null;
  readonly budgetCents: number | null;
}

/** A Comune's forecast as recorded at intake, for staff to check, correct and confirm. */
export interface NewForecast {
  readonly id: string;
  readonly municipalityId: string;
  readonly service: string | null;
  readonly receivedOn: CalendarDate;
  readonly period: ForecastPeriod;
  readonly lines: readonly NewForecastLine[];
}
