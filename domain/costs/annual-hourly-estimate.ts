import { addDays, compareDates, daysBetween, type CalendarDate } from '../calendar/calendar-date.js';
import { municipalitySharePercent } from './municipality-share.js';
import { openEndedPeriodEnd } from './plan-period.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { HourlyServiceCode, OperatorProfile } from '../catalogue/service-codes.js';
import { parametersInForce, tariffInForce } from '../catalogue/tariff-lookup.js';
import type { TariffEntry } from '../catalogue/tariffs.js';
import { costOfMinutes, percentOf, vatOn, type Cents } from '../money.js';

export interface AnnualHourlyPlan {
  readonly service: HourlyServiceCode;
  readonly annualHours: number;
  /** SAD/SADH: of the annual hours, those on Sundays and national holidays (festive tariff). */
  readonly festiveHours?: number | null;
  readonly startDate: CalendarDate;
  /** The plan's last day; without one, the period a plan without end date covers (see the ledger). */
  readonly endDate?: CalendarDate | null;
  readonly operatorProfile: OperatorProfile | null;
  readonly upperSecondary: boolean;
  /** True when a second Comune shares the cost (ADM, SIP). */
  readonly coPaid: boolean;
  /** SIP of a placed minor: half is borne by the district funds. */
  readonly placedMinor?: boolean;
  /** The provider's IVA when it differs from the default. */
  readonly vatRateBasisPoints?: number | undefined;
}

/** What a plan of annual hours costs the Comune, with the figures that justify it. */
export interface AnnualHourlyEstimate {
  /** The tariff in force on the start date. */
  readonly tariff: TariffEntry;
  /** Each part of the plan under one tariff, with its share of the hours (by days), in date order. */
  readonly periods: readonly TariffPeriod[];
  /** Hours charged: the annual hours plus any hours the tariff sheet adds (SAAP coordination). */
  readonly chargedHours: number;
  readonly netCents: Cents;
  readonly vatRateBasisPoints: number;
  readonly vatCents: Cents;
  readonly grossCents: Cents;
  /** Percent of the gross cost charged to this Comune (50 when shared or a placed minor's SIP). */
  readonly municipalitySharePercent: number;
  readonly municipalityShareCents: Cents;
}

/** A part of a plan priced with one tariff. */
export interface TariffPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly tariff: TariffEntry;
  readonly minutes: number;
  readonly netCents: Cents;
}

/**
 * Annual cost of an hourly plan: hours × tariff × (1 + IVA), halved when a second Comune shares
 * it. A plan across a change of tariff is priced part by part, the hours spread evenly over its
 * days (seed l. 3188-3194, 3308-3312: "decorrenza nuova tariffa"). Returns null when the tariff
 * cannot be chosen (SAAP without a profile).
 */
export function estimateAnnualHourlyCost(
  plan: AnnualHourlyPlan,
  catalogue: Catalogue = defaultCatalogue,
): AnnualHourlyEstimate | null {
  const variant = hourlyTariffVariant(plan);
  if (variant === null) return null;
  const tariff = tariffInForce(plan.service, variant, plan.startDate, catalogue.tariffs);
  const end = plan.endDate ?? openEndedPeriodEnd(plan.service, plan.startDate, catalogue);
  const parameters = parametersInForce(plan.startDate, catalogue.parameters);
  // schede economiche SAAP: 3 extra hours of coordination are recognised in upper secondary school.
  const extraHours =
    plan.service === 'SAAP' && plan.upperSecondary ? parameters.saapUpperSecondaryCoordinationHours : 0;
  const chargedHours = plan.annualHours + extraHours;
  const festiveMinutes = festiveMinutesOf(plan, variant, catalogue);
  // Seed l. 3156, 3194: the hours said to fall on Sundays and holidays at the festive tariff.
  const periods = [
    ...tariffPeriods(
      plan.service,
      variant,
      plan.startDate,
      end,
      Math.round(chargedHours * 60) - festiveMinutes,
      catalogue,
    ),
    ...(festiveMinutes > 0
      ? tariffPeriods(plan.service, 'festive', plan.startDate, end, festiveMinutes, catalogue)
      : []),
  ];
  const netCents = periods.reduce((sum, period) => sum + period.netCents, 0);
  const vatRateBasisPoints = plan.vatRateBasisPoints ?? parameters.defaultVatRateBasisPoints;
  const vatCents = vatOn(netCents, vatRateBasisPoints);
  const grossCents = netCents + vatCents;
  const sharePercent = municipalitySharePercent(
    { service: plan.service, coPaid: plan.coPaid, placedMinor: plan.placedMinor ?? false },
    plan.startDate,
    catalogue,
  );
  return {
    tariff,
    periods,
    chargedHours,
    netCents,
    vatRateBasisPoints,
    vatCents,
    grossCents,
    municipalitySharePercent: sharePercent,
    municipalityShareCents: percentOf(grossCents, sharePercent),
  };
}

/** The festive minutes of a plan budgeted on the weekday tariff of a service that has a festive one. */
function festiveMinutesOf(plan: AnnualHourlyPlan, variant: string, catalogue: Catalogue): number {
  const hours = plan.festiveHours ?? 0;
  if (variant !== 'weekday' || hours <= 0) return 0;
  const festive = catalogue.tariffs.some(
    (entry) => entry.service === plan.service && entry.variant === 'festive',
  );
  return festive ? Math.round(Math.min(hours, plan.annualHours) * 60) : 0;
}

/** Which tariff an hourly plan is budgeted on; null when SAAP has no profile. */
export function hourlyTariffVariant(
  plan: Pick<AnnualHourlyPlan, 'service' | 'operatorProfile' | 'upperSecondary'>,
) {
  switch (plan.service) {
    case 'SAD':
    case 'SADH':
      return 'weekday'; // DOMAIN.md budget rule: SAD/SADH on the weekday tariff, festive hours apart
    case 'SAAP':
      // schede economiche SAAP: upper secondary school has its own rate, otherwise by operator profile.
      return plan.upperSecondary ? 'UPPER_SECONDARY' : plan.operatorProfile;
    default:
      return 'standard';
  }
}

/** The plan's days under each tariff, with the minutes spread over them in proportion. */
function tariffPeriods(
  service: HourlyServiceCode,
  variant: string,
  start: CalendarDate,
  end: CalendarDate,
  minutes: number,
  catalogue: Catalogue,
): TariffPeriod[] {
  const last = compareDates(end, start) >= 0 ? end : start;
  const totalDays = daysBetween(start, last) + 1;
  const parts: { from: CalendarDate; to: CalendarDate; tariff: TariffEntry }[] = [];
  for (let from = start; compareDates(from, last) <= 0;) {
    const tariff = tariffInForce(service, variant, from, catalogue.tariffs); // throws on a gap
    const to = tariff.validTo && compareDates(tariff.validTo, last) < 0 ? tariff.validTo : last;
    parts.push({ from, to, tariff });
    from = addDays(to, 1);
  }
  let given = 0;
  return parts.map((part, index) => {
    const share =
      index === parts.length - 1
        ? minutes - given
        : Math.round((minutes * (daysBetween(part.from, part.to) + 1)) / totalDays);
    given += share;
    return { ...part, minutes: share, netCents: costOfMinutes(share, part.tariff.amountCents) };
  });
}
