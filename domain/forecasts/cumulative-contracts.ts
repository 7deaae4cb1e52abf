import {
  addDays,
  firstDayOfMonth,
  lastDayOfMonth,
  maxDate,
  monthOf,
  yearOf,
  type CalendarDate,
} from '../calendar/calendar-date.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { isServiceCode, type ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import type { ContinuedProjectTerms } from './forecast-line-check.js';
import type { SpendingForecast } from './spending-forecast.js';

/** A running project of a beneficiary a forecast lists (a project «in continuità»). */
export interface ContinuingProject extends ContinuedProjectTerms {
  readonly projectId: string;
  readonly taxCode: string;
  readonly service: string;
  readonly municipalityId: string;
  readonly provider: { readonly id: string; readonly name: string } | null;
}

/** One CONTRATTO CUMULATIVO DI AVVIO to a provider: its continuing projects of one service family and its dates. */
export interface CumulativeContractPlan {
  readonly provider: { readonly id: string; readonly name: string };
  readonly service: ServiceCode;
  readonly projectIds: readonly string[];
  /** The day it is to reach the provider. */
  readonly dueOn: CalendarDate;
  /** Working days the provider has to return it signed, from its receipt. */
  readonly returnWorkingDays: number;
  /** The day the agency is to have entered the fase D of its users in Gecas. */
  readonly phaseDDueOn: CalendarDate;
}

/** What a forecast of a Comune continues: the contracts to send, and the projects no provider runs. */
export interface ForecastContinuation {
  /** The Comune's running projects among those the forecast lists. */
  readonly matched: readonly ContinuingProject[];
  readonly contracts: readonly CumulativeContractPlan[];
  /** Matched projects without a provider of the register: staff send those contracts by hand. */
  readonly withoutProvider: number;
}

/**
 * The cumulative contracts a Comune's forecast leads to (seed l. 353-371 SAD, 847-869 ADM,
 * 1325-1346 SIP, 1831-1851 SAAP): one per provider and service, listing the Comune's projects in
 * continuity (one per family: SAD with SADH, ADM with ADEA). Only the Comune's own projects count:
 * a forecast authorises its own spending.
 */
export function planForecastContinuation(
  forecast: Pick<SpendingForecast, 'service' | 'taxCodes'>,
  municipalityId: string,
  continuing: readonly ContinuingProject[],
  receivedOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): ForecastContinuation {
  const listed = new Set(forecast.taxCodes);
  const familyOf = (service: ServiceCode) => serviceDefinition(service, catalogue.services).family;
  // One forecast and one contract cover a family: SAD-SADH (l. 351), ADM-ADEA (l. 845).
  const covered = (service: string) =>
    !forecast.service || (isServiceCode(service) && familyOf(service) === familyOf(forecast.service));
  const matched = continuing.filter(
    (project) =>
      project.municipalityId === municipalityId && listed.has(project.taxCode) && covered(project.service),
  );
  const groups = new Map<
    string,
    { provider: CumulativeContractPlan['provider']; service: ServiceCode; projectIds: string[] }
  >();
  let withoutProvider = 0;
  for (const project of matched) {
    if (!isServiceCode(project.service)) continue;
    if (!project.provider) {
      withoutProvider += 1;
      continue;
    }
    const service = forecast.service ?? project.service;
    const key = `${project.provider.id}/${familyOf(service)}`;
    const group = groups.get(key) ?? { provider: project.provider, service, projectIds: [] };
    group.projectIds.push(project.projectId);
    groups.set(key, group);
  }
  const contracts: CumulativeContractPlan[] = [];
  for (const group of groups.values()) {
    const terms = serviceDefinition(group.service, catalogue.services).contract;
    if (terms.cumulativeAfterForecastDays === null || terms.cumulativeReturnWorkingDays === null) continue;
    const dueOn = addDays(receivedOn, terms.cumulativeAfterForecastDays);
    const returnedBy = addWorkingDays(dueOn, terms.cumulativeReturnWorkingDays);
    contracts.push({
      ...group,
      dueOn,
      returnWorkingDays: terms.cumulativeReturnWorkingDays,
      phaseDDueOn: maxDate(phaseDDeadline(group.service, receivedOn, catalogue), returnedBy),
    });
  }
  return { matched, contracts, withoutProvider };
}

/**
 * Seed l. 371, 869, 1346: the fase D of the users in continuity by the end of December;
 * l. 1849-1851 (SAAP): by the start of the new school year. A late forecast cannot make it earlier
 * than the contracts' return, so the caller takes the later of the two.
 */
function phaseDDeadline(service: ServiceCode, receivedOn: CalendarDate, catalogue: Catalogue): CalendarDate {
  const period = serviceDefinition(service, catalogue.services).forecast?.period ?? 'calendar_year';
  const year = yearOf(receivedOn);
  if (period === 'school_year') return firstDayOfMonth(year, 9);
  // A forecast of the first half of a year comes late for the year already running.
  return lastDayOfMonth(monthOf(receivedOn) >= 7 ? year : year - 1, 12);
}
