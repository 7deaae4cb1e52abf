import {
  addDays,
  dateFromParts,
  lastDayOfMonth,
  monthOf,
  nextMonth,
  yearOf,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import { monthlyCycleDays, paymentTermDays } from '../catalogue/monthly-cycles.js';
import type { MonthlyCycleKind } from '../catalogue/services.js';

/** The dates of the monthly cycle for the hours of one service month. */
export interface MonthCycleDates {
  readonly serviceYear: number;
  readonly serviceMonth: number;
  readonly providerValidationBy: CalendarDate | null;
  readonly municipalityCheckFrom: CalendarDate | null;
  readonly municipalityCheckTo: CalendarDate | null;
  readonly validatedFrom: CalendarDate | null;
  readonly attendanceSheetBy: CalendarDate | null;
  readonly invoiceFrom: CalendarDate | null;
  readonly invoiceBy: CalendarDate | null;
}

/** Dates of the monthly cycle of the service month (year, month); null when the service has none. */
export function monthCycle(kind: MonthlyCycleKind, year: number, month: number): MonthCycleDates | null {
  const days = monthlyCycleDays[kind];
  if (!days) return null;
  const [cycleYear, cycleMonth] = nextMonth(year, month);
  const day = (value: number | null) => (value === null ? null : dateFromParts(cycleYear, cycleMonth, value));
  return {
    serviceYear: year,
    serviceMonth: month,
    providerValidationBy: day(days.providerValidationByDay),
    municipalityCheckFrom: day(days.municipalityCheckFromDay),
    municipalityCheckTo: day(days.municipalityCheckToDay),
    validatedFrom: day(days.validatedFromDay),
    attendanceSheetBy: day(days.attendanceSheetByDay),
    invoiceFrom: day(days.invoiceFromDay),
    invoiceBy: days.invoiceByMonthEnd ? lastDayOfMonth(cycleYear, cycleMonth) : null,
  };
}

/** Payment due for an invoice: "entro 30 giorni data fattura fine mese" (disciplinare, SAD FASE 8). */
export function paymentDueDate(invoiceDate: CalendarDate): CalendarDate {
  const plusTerm = addDays(invoiceDate, paymentTermDays);
  return lastDayOfMonth(yearOf(plusTerm), monthOf(plusTerm));
}
