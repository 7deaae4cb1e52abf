import { addDays, type CalendarDate } from '../calendar/calendar-date.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';

// Contract to the provider within 5 working days (10 CDD/CSE/SFA, 2 ISD) of receipt (disciplinare, FASE 4 of each service).
export function contractDispatchDue(
  service: ServiceCode,
  receivedOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): CalendarDate | null {
  const days = serviceDefinition(service, catalogue.services).contract.toProviderWorkingDays;
  return days === null ? null : addWorkingDays(receivedOn, days);
}

// Provider signs and returns within 2 working days of receipt (5 CDD/CSE/SFA and QSFP) (disciplinare, FASE 4).
export function contractReturnDue(
  service: ServiceCode,
  sentOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): CalendarDate | null {
  const days = serviceDefinition(service, catalogue.services).contract.providerReturnWorkingDays;
  return days === null ? null : addWorkingDays(sentOn, days);
}

// Fase D in Gecas within 7 days (disciplinare, SAD FASE 5), counted from the signed contract's return.
export function faseDDue(
  service: ServiceCode,
  contractReturnedOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): CalendarDate | null {
  const days = serviceDefinition(service, catalogue.services).faseDDays;
  return days === null ? null : addDays(contractReturnedOn, days);
}

// ISD: the provider starts the day after signing; micro-team meeting within 10 days of the start (disciplinare, ISD FASI 6-7).
export function isdStartDates(signedOn: CalendarDate): { start: CalendarDate; microTeamBy: CalendarDate } {
  const start = addDays(signedOn, 1);
  return { start, microTeamBy: addDays(start, 10) };
}
