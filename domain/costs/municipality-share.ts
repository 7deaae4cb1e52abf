import type { CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import { parametersInForce } from '../catalogue/tariff-lookup.js';

/** Who pays a plan besides the Comune of residence. */
export interface PlanPayers {
  readonly service: ServiceCode;
  /** A second Comune shares the cost (ADM, SIP). */
  readonly coPaid: boolean;
  /** SIP of a minor placed in a community or in foster care. */
  readonly placedMinor: boolean;
}

/**
 * The percent of a plan's cost the Comune of residence bears. SIP of a placed minor: 50% from the
 * district funds (seed l. 3300-3304, 3588). A second Comune sharing ADM or SIP: half of the rest
 * each (seed l. 627-629, 1120-1124; the seed does not say how the two combine: the office's
 * reading is that the Comuni split what the district funds leave).
 */
export function municipalitySharePercent(
  payers: PlanPayers,
  on: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): number {
  const district =
    payers.placedMinor && payers.service === 'SIP'
      ? parametersInForce(on, catalogue.parameters).districtAbatementPercent
      : 0;
  const second = payers.coPaid
    ? (serviceDefinition(payers.service, catalogue.services).secondMunicipalitySharePercent ?? 100)
    : 100;
  return ((100 - district) * second) / 100;
}
