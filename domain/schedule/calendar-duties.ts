import {
  addDays,
  compareDates,
  dateFromParts,
  lastDayOfMonth,
  previousMonth,
  yearOf,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import {
  addWorkingDays,
  firstWorkingDayOfMonth,
  isWorkingDay,
  workingDayOnOrAfter,
} from '../calendar/working-days.js';
import { monthlyCycleDays } from '../catalogue/monthly-cycles.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { forecastDeadlines, quarterlySummaryDates } from '../deadlines/yearly-deadlines.js';

/** A recurring duty of the disciplinare's calendar. */
export type DutyKind =
  | 'provider_hours_first'
  | 'provider_hours_day6'
  | 'municipality_check'
  | 'invoicing_open'
  | 'attendance_sheet'
  | 'attendance_invoicing'
  | 'forecast_request'
  | 'forecast_proposal'
  | 'quarterly_summary';

/**
 * One occurrence of a duty: when it is due and until when it still makes sense. Missed while the
 * server was down, it is caught up on the next run inside that window, once; past it, skipped.
 */
export interface CalendarDuty {
  readonly kind: DutyKind;
  /** Identifies the occurrence (with the kind and the recipient it makes the idempotency key). */
  readonly period: string;
  readonly dueOn: CalendarDate;
  readonly lastUsefulOn: CalendarDate;
  /** The service month of the monthly cycle (provider hours, check window, invoicing). */
  readonly serviceMonth?: { readonly year: number; readonly month: number };
  /** Forecasts: the deadline announced and the services it covers. */
  readonly deadline?: CalendarDate;
  readonly services?: readonly ServiceCode[];
  /** Quarterly summaries: the quarter's first and last day. */
  readonly quarter?: { readonly from: CalendarDate; readonly to: CalendarDate };
}

const day = (year: number, month: number, value: number) => dateFromParts(year, month, value) as CalendarDate;
const pad = (value: number) => String(value).padStart(2, '0');

/** The last working day on or before `date`. */
function workingDayOnOrBefore(date: CalendarDate): CalendarDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

/** The monthly duties whose reminders fall in month (year, month): they concern the month before. */
function monthlyDuties(year: number, month: number): CalendarDuty[] {
  const [serviceYear, serviceMonth] = previousMonth(year, month);
  const period = `${serviceYear}-${pad(serviceMonth)}`;
  const service = { year: serviceYear, month: serviceMonth };
  const first = firstWorkingDayOfMonth(year, month);
  const byDay8 = day(year, month, 8);
  return [
    // Hours validated in Gecas by day 8: reminder on the first working day (disciplinare, SAD FASE 7).
    { kind: 'provider_hours_first', period, dueOn: first, lastUsefulOn: byDay8, serviceMonth: service },
    // … and again on day 6 (or the working day before) to whoever has not done it yet (FLOWS §3).
    {
      kind: 'provider_hours_day6',
      period,
      dueOn: maxOf(workingDayOnOrBefore(day(year, month, 6)), addWorkingDays(first, 1)),
      lastUsefulOn: byDay8,
      serviceMonth: service,
    },
    // The Comune checks the hours from day 9 to day 20 (disciplinare, SAD FASE 7).
    {
      kind: 'municipality_check',
      period,
      dueOn: workingDayOnOrAfter(day(year, month, 9)),
      lastUsefulOn: day(year, month, 20),
      serviceMonth: service,
    },
    // Invoices from day 21 to the end of the month (disciplinare, SAD FASE 8).
    {
      kind: 'invoicing_open',
      period,
      dueOn: workingDayOnOrAfter(day(year, month, 21)),
      lastUsefulOn: lastDayOfMonth(year, month),
      serviceMonth: service,
    },
    ...attendanceDuties(year, month, first, period, service),
  ];
}

/**
 * Day centres have their own cycle: the attendance sheet by day 10, the invoice by the end of the
 * month (seed l. 2143-2163 CDD-CSE-SFA FASI 6-7; l. 2252-2274 Centro Diurno Minori FASI 5-6).
 */
function attendanceDuties(
  year: number,
  month: number,
  first: CalendarDate,
  period: string,
  service: { year: number; month: number },
): CalendarDuty[] {
  const cycle = monthlyCycleDays.attendance_sheet!;
  const sheetBy = day(year, month, cycle.attendanceSheetByDay!);
  return [
    { kind: 'attendance_sheet', period, dueOn: first, lastUsefulOn: sheetBy, serviceMonth: service },
    {
      kind: 'attendance_invoicing',
      period,
      dueOn: workingDayOnOrAfter(addDays(sheetBy, 1)),
      lastUsefulOn: lastDayOfMonth(year, month),
      serviceMonth: service,
    },
  ];
}

/** One reminder per forecast deadline, on the working day `daysBefore` it, for the services it covers. */
function forecastDuties(
  kind: 'forecast_request' | 'forecast_proposal',
  servicesByDeadline: ReadonlyMap<CalendarDate, readonly ServiceCode[]>,
  daysBefore: number,
): CalendarDuty[] {
  return [...servicesByDeadline].map(([deadline, services]) => ({
    kind,
    period: deadline,
    dueOn: workingDayOnOrAfter(addDays(deadline, -daysBefore)),
    lastUsefulOn: deadline,
    deadline,
    services,
  }));
}

function maxOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Reminders sent a month before each forecast deadline; the agency's own proposal two weeks before. */
function yearlyDuties(year: number): CalendarDuty[] {
  const duties: CalendarDuty[] = [];
  const byDeadline = new Map<CalendarDate, ServiceCode[]>();
  const proposals = new Map<CalendarDate, ServiceCode[]>();
  for (const forecast of forecastDeadlines(year)) {
    byDeadline.set(forecast.municipalityBy, [
      ...(byDeadline.get(forecast.municipalityBy) ?? []),
      forecast.service,
    ]);
    if (forecast.agencyProposalBy) {
      proposals.set(forecast.agencyProposalBy, [
        ...(proposals.get(forecast.agencyProposalBy) ?? []),
        forecast.service,
      ]);
    }
  }
  // Forecasts by 30 November (SAAP 30 July; Tutela Minori proposal by 15 November) (disciplinare, Progetti in continuità FASE 1).
  duties.push(...forecastDuties('forecast_request', byDeadline, 30));
  duties.push(...forecastDuties('forecast_proposal', proposals, 14));
  // Quarterly spending per beneficiary to each Comune (disciplinare, SAD FASE 9).
  for (const quarter of quarterlySummaryDates(year)) {
    duties.push({
      kind: 'quarterly_summary',
      period: `${quarter.year}-T${quarter.quarter}`,
      dueOn: quarter.dueOn,
      lastUsefulOn: addDays(quarter.dueOn, 30),
      quarter: { from: quarter.periodStart, to: quarter.periodEnd },
    });
  }
  return duties;
}

/** Every duty due between two dates (inclusive), in date order. */
export function dutiesDueBetween(from: CalendarDate, to: CalendarDate): CalendarDuty[] {
  const duties: CalendarDuty[] = [];
  for (let year = yearOf(from) - 1; year <= yearOf(to); year += 1) {
    duties.push(...yearlyDuties(year));
    for (let month = 1; month <= 12; month += 1) duties.push(...monthlyDuties(year, month));
  }
  return duties
    .filter((duty) => compareDates(duty.dueOn, from) >= 0 && compareDates(duty.dueOn, to) <= 0)
    .sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.kind.localeCompare(b.kind));
}

/** The duties to do on `today`: due today or earlier, still useful today. */
export function dutiesToRunOn(today: CalendarDate): CalendarDuty[] {
  // No duty stays useful longer than a month after it falls due.
  return dutiesDueBetween(addDays(today, -45), today).filter(
    (duty) => compareDates(duty.lastUsefulOn, today) >= 0,
  );
}
