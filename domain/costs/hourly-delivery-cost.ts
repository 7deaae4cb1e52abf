import type { CalendarDate } from '../calendar/calendar-date.js';
import { isFestiveDay } from '../calendar/working-days.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { HourlyServiceCode, OperatorProfile } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import { tariffInForce } from '../catalogue/tariff-lookup.js';
import { costOfMinutes, type Cents } from '../money.js';
import { hourlyTariffVariant } from './annual-hourly-estimate.js';

/**
 * Minutes billed for one delivery: rounded down to 15-minute steps, and for SAD/SADH never below
 * the 30-minute minimum unit (disciplinare, schede economiche SAD-SADH and ADM/SIP/SAAP).
 */
export function billableMinutes(
  service: HourlyServiceCode,
  minutes: number,
  catalogue: Catalogue = defaultCatalogue,
): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  const rules = serviceDefinition(service, catalogue.services).hourly;
  if (!rules) return 0;
  const rounded = Math.floor(minutes / rules.roundingStepMinutes) * rules.roundingStepMinutes;
  return rules.minimumMinutes === null ? rounded : Math.max(rules.minimumMinutes, rounded);
}

/** One delivery of an hourly service. */
export interface HourlyDelivery {
  readonly service: HourlyServiceCode;
  readonly date: CalendarDate;
  /** Minutes worked (for SAD/SADH including the 10 minutes of travel per hour). */
  readonly minutes: number;
  readonly operatorProfile?: OperatorProfile | null;
  readonly upperSecondary?: boolean;
  /** Back-office time: logged in Gecas, never invoiced. */
  readonly backOffice?: boolean;
}

/** Net cost of one delivery, with the SAD festive tariff on Sundays and national holidays. */
export function deliveryNetCost(delivery: HourlyDelivery, catalogue: Catalogue = defaultCatalogue): Cents {
  // ADM, ADEA, SIP, SAAP: 2 back-office hours a month are logged but not billed (schede economiche).
  if (delivery.backOffice) return 0;
  const rules = serviceDefinition(delivery.service, catalogue.services).hourly;
  const variant =
    rules?.festiveTariff && isFestiveDay(delivery.date)
      ? 'festive'
      : hourlyTariffVariant({
          service: delivery.service,
          operatorProfile: delivery.operatorProfile ?? null,
          upperSecondary: delivery.upperSecondary ?? false,
        });
  if (variant === null) return 0;
  const tariff = tariffInForce(delivery.service, variant, delivery.date, catalogue.tariffs);
  return costOfMinutes(billableMinutes(delivery.service, delivery.minutes, catalogue), tariff.amountCents);
}
