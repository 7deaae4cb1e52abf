import type { CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { HourlyServiceCode, OperatorProfile } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import { parametersInForce, tariffInForce } from '../catalogue/tariff-lookup.js';
import type { TariffEntry } from '../catalogue/tariffs.js';
import { costOfMinutes, percentOf, vatOn, type Cents } from '../money.js';

export interface AnnualHourlyPlan {
  readonly service: HourlyServiceCode;
  readonly annualHours: number;
  readonly startDate: CalendarDate;
  readonly operatorProfile: OperatorProfile | null;
  readonly upperSecondary: boolean;
  /** True when a second Comune shares the cost (ADM, SIP). */
  readonly coPaid: boolean;
  /** The provider's IVA when it differs from the default. */
  readonly vatRateBasisPoints?: number | undefined;
}

/** What a plan of annual hours costs the Comune, with the figures that justify it. */
export interface AnnualHourlyEstimate {
  readonly tariff: TariffEntry;
  /** Hours charged: the annual hours plus any hours the tariff sheet adds (SAAP coordination). */
  readonly chargedHours: number;
  readonly netCents: Cents;
  readonly vatRateBasisPoints: number;
  readonly vatCents: Cents;
  readonly grossCents: Cents;
  /** Percent of the gross cost charged to this Comune (50 when shared). */
  readonly municipalitySharePercent: number;
  readonly municipalityShareCents: Cents;
}

/**
 * Annual cost of an hourly plan: hours × tariff in force on the start date × (1 + IVA), halved
 * when a second Comune shares it. Returns null when the tariff cannot be chosen (SAAP without a
 * profile).
 */
export function estimateAnnualHourlyCost(
  plan: AnnualHourlyPlan,
  catalogue: Catalogue = defaultCatalogue,
): AnnualHourlyEstimate | null {
  const variant = hourlyTariffVariant(plan);
  if (variant === null) return null;
  const tariff = tariffInForce(plan.service, variant, plan.startDate, catalogue.tariffs);
  const parameters = parametersInForce(plan.startDate, catalogue.parameters);
  // schede economiche SAAP: 3 extra hours of coordination are recognised in upper secondary school.
  const extraHours =
    plan.service === 'SAAP' && plan.upperSecondary ? parameters.saapUpperSecondaryCoordinationHours : 0;
  const chargedHours = plan.annualHours + extraHours;
  const netCents = costOfMinutes(Math.round(chargedHours * 60), tariff.amountCents);
  const vatRateBasisPoints = plan.vatRateBasisPoints ?? parameters.defaultVatRateBasisPoints;
  const vatCents = vatOn(netCents, vatRateBasisPoints);
  const grossCents = netCents + vatCents;
  // disciplinare, ADM-ADEA "Processo operativo": two Comuni share the cost 50% each (also SIP).
  const sharePercent = plan.coPaid
    ? (serviceDefinition(plan.service, catalogue.services).secondMunicipalitySharePercent ?? 100)
    : 100;
  return {
    tariff,
    chargedHours,
    netCents,
    vatRateBasisPoints,
    vatCents,
    grossCents,
    municipalitySharePercent: sharePercent,
    municipalityShareCents: percentOf(grossCents, sharePercent),
  };
}

/** Which tariff an hourly plan is budgeted on; null when SAAP has no profile. */
export function hourlyTariffVariant(
  plan: Pick<AnnualHourlyPlan, 'service' | 'operatorProfile' | 'upperSecondary'>,
) {
  switch (plan.service) {
    case 'SAD':
    case 'SADH':
      return 'weekday'; // DOMAIN.md budget rule: SAD/SADH budgeted on the weekday tariff
    case 'SAAP':
      // schede economiche SAAP: upper secondary school has its own rate, otherwise by operator profile.
      return plan.upperSecondary ? 'UPPER_SECONDARY' : plan.operatorProfile;
    default:
      return 'standard';
  }
}
