import {
  addDays,
  compareDates,
  isoWeekday,
  monthOf,
  yearOf,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import { isWorkingDay } from '../calendar/working-days.js';
import { isAppError } from '../app-error.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { DayCentreServiceCode } from '../catalogue/service-codes.js';
import type { Cents } from '../money.js';
import type { Attendance } from '../requests/request-schemas.js';
import { attendanceCost, type AttendanceMonth } from './day-centre-cost.js';
import { openEndedPeriodEnd } from './plan-period.js';

/** What a day-centre entry's attendance would cost over its period, and the days it counts. */
export interface DayCentreEstimate {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly fullTimeDays: number;
  readonly partTimeDays: number;
  /** The Comune's quota of those days (seed l. 3466-3530), meals and accesses left out. */
  readonly municipalityCents: Cents;
  /** The district fund's share of the same days (FUD). */
  readonly districtFundCents: Cents;
}

/**
 * A day-centre entry's cost from its attendance (seed l. 4198: full time, horizontal or vertical
 * part time with its weekdays) at the daily quotas of l. 3466-3530. The seeds give no centre's
 * opening calendar: a centre is taken to open on working days (Monday to Friday, national holidays
 * excluded), so the figure is an estimate for staff, not a rule the Comune must meet. Vertical part
 * time is priced as full days on its weekdays, horizontal part time as part-time days.
 */
export function estimateDayCentreCost(
  input: {
    readonly service: DayCentreServiceCode;
    readonly attendance: Attendance;
    readonly startDate: CalendarDate;
    readonly endDate: CalendarDate | null;
  },
  catalogue: Catalogue = defaultCatalogue,
): DayCentreEstimate | null {
  const to = input.endDate ?? openEndedPeriodEnd(input.service, input.startDate, catalogue);
  if (compareDates(to, input.startDate) < 0) return null;
  const months = new Map<string, { year: number; month: number; full: number; part: number }>();
  let fullTimeDays = 0;
  let partTimeDays = 0;
  for (let day = input.startDate; compareDates(day, to) <= 0; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const { type, weekdays } = input.attendance;
    if (type === 'part_time_vertical' && !weekdays.includes(isoWeekday(day))) continue;
    const key = day.slice(0, 7);
    const month = months.get(key) ?? { year: yearOf(day), month: monthOf(day), full: 0, part: 0 };
    if (type === 'part_time_horizontal') {
      month.part += 1;
      partTimeDays += 1;
    } else {
      month.full += 1;
      fullTimeDays += 1;
    }
    months.set(key, month);
  }
  const attendance: AttendanceMonth[] = [...months.values()].map((month) => ({
    year: month.year,
    month: month.month,
    fullTimeDays: month.full,
    partTimeDays: month.part,
    lowAccesses: 0,
    mediumAccesses: 0,
    highAccesses: 0,
    minutes: 0,
    meals: 0,
  }));
  try {
    const cost = attendanceCost(input.service, attendance, 100, catalogue);
    return {
      from: input.startDate,
      to,
      fullTimeDays,
      partTimeDays,
      municipalityCents: cost.municipalityCents,
      districtFundCents: cost.districtFundCents,
    };
  } catch (error) {
    if (isAppError(error, 'tariff_not_found')) return null;
    throw error;
  }
}
