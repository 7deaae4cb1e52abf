import {
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  lastDayOfMonth,
  maxDate,
  minDate,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { parametersInForce, tariffInForce } from '../catalogue/tariff-lookup.js';
import { divideRounded, percentOf, type Cents } from '../money.js';

export type FosterCareKind = 'full_time' | 'emergency' | 'part_time_weekday' | 'weekend' | 'educational_pact';

/** One foster placement, as the contribution schedule needs it. */
export interface FosterPlacement {
  readonly kind: FosterCareKind;
  readonly from: CalendarDate;
  /** Last day of the placement; null while it continues. */
  readonly to: CalendarDate | null;
  /** Disabled minor or child under two: +20% on the base contribution. */
  readonly increment: boolean;
  /** Days of attendance in the month, for the weekday part-time contribution paid per day. */
  readonly partTimeDays?: number;
}

/**
 * The contribution for one month: monthly amounts pro-rated by the days of placement in the month
 * (amount ÷ days of the month × days of placement), per-day amounts by days attended, +20% when due
 * (disciplinare, schede economiche "Contributi per l'affido di minori").
 */
export function fosterCareMonthlyContribution(
  placement: FosterPlacement,
  year: number,
  month: number,
  catalogue: Catalogue = defaultCatalogue,
): Cents {
  const monthStart = firstDayOfMonth(year, month);
  const monthEnd = lastDayOfMonth(year, month);
  const start = maxDate(placement.from, monthStart);
  const end = placement.to ? minDate(placement.to, monthEnd) : monthEnd;
  if (end < start) return 0;
  const tariff = tariffInForce('FOSTER_CARE', placement.kind, start, catalogue.tariffs);
  const base =
    tariff.unit === 'day'
      ? tariff.amountCents * (placement.partTimeDays ?? 0)
      : divideRounded(tariff.amountCents * (daysBetween(start, end) + 1), daysInMonth(year, month));
  if (!placement.increment) return base;
  const parameters = parametersInForce(start, catalogue.parameters);
  return base + percentOf(base, parameters.fosterCareIncrementPercent);
}

/** What remains to the Comune after the district 50% abatement, capped at €200 a month for foster care. */
export function districtAbatement(
  kind: 'foster_care' | 'placement' | 'protected_meetings_placed_minor' | 'parent_placement',
  monthlyCents: Cents,
  onDate: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): { abatementCents: Cents; municipalityCents: Cents } {
  // disciplinare, schede Rette Tutela Minori: 50% with district funds; foster care capped at €200/month; a parent's placement never.
  if (kind === 'parent_placement') return { abatementCents: 0, municipalityCents: monthlyCents };
  const parameters = parametersInForce(onDate, catalogue.parameters);
  const half = percentOf(monthlyCents, parameters.districtAbatementPercent);
  const abatementCents =
    kind === 'foster_care' ? Math.min(half, parameters.fosterCareAbatementCapCents) : half;
  return { abatementCents, municipalityCents: monthlyCents - abatementCents };
}
