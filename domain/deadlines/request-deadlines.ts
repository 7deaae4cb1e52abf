import type { CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { procedureFor, type RequestKind } from '../catalogue/procedures.js';
import type { ServiceCode } from '../catalogue/service-codes.js';
import { earliestVariationDate } from '../rules/notice-rule.js';
import { contractDispatchDue, contractReturnDue, faseDDue, isdStartDates } from './contract-deadlines.js';
import { procedureConclusionDate } from './legal-term.js';

export type DeadlineId =
  | 'procedure_conclusion'
  | 'contract_to_provider'
  | 'contract_return'
  | 'fase_d'
  | 'variation_earliest_effective'
  | 'isd_start'
  | 'isd_micro_team';

/** A due date the office must meet or announce, with an Italian description. */
export interface Deadline {
  readonly id: DeadlineId;
  readonly dueDate: CalendarDate;
  /** Who must act: the agency, the provider or the Comune. */
  readonly party: 'agency' | 'provider' | 'municipality';
  readonly description: string;
}

/**
 * Every due date a request sets in motion, planned from its receipt: the legal term of the
 * procedure, the contract's dispatch and return, fase D, and for variations the earliest
 * effective date. Later steps are planned on the due date of the step before.
 */
export function requestDeadlines(
  request: {
    kind: RequestKind;
    service: ServiceCode | null;
    receivedOn: CalendarDate;
    /** When the contract was actually sent: the provider's term runs from its receipt (seed l. 213-215). */
    contractSentOn?: CalendarDate | null;
  },
  catalogue: Catalogue = defaultCatalogue,
): Deadline[] {
  const deadlines: Deadline[] = [];
  const procedure = procedureFor(request.kind, request.service, catalogue.procedures);
  if (procedure) {
    deadlines.push({
      id: 'procedure_conclusion',
      dueDate: procedureConclusionDate(request.receivedOn, procedure.legalTermDays),
      party: 'agency',
      description: `conclusione del procedimento (termine di ${procedure.legalTermDays} giorni)`,
    });
  }
  if (request.kind === 'variation') {
    deadlines.push({
      id: 'variation_earliest_effective',
      dueDate: earliestVariationDate({ receivedOn: request.receivedOn, catalogue }),
      party: 'municipality',
      description: 'prima data di decorrenza possibile della variazione (preavviso di 15 giorni)',
    });
  }
  if ((request.kind === 'activation' || request.kind === 'day_centre_entry') && request.service) {
    const dispatch =
      request.contractSentOn ?? contractDispatchDue(request.service, request.receivedOn, catalogue);
    if (dispatch) {
      deadlines.push({
        id: 'contract_to_provider',
        dueDate: dispatch,
        party: 'agency',
        description: request.contractSentOn
          ? "trasmissione del contratto di avvio all'ente (avvenuta)"
          : "trasmissione del contratto di avvio all'ente",
      });
      const returned = contractReturnDue(request.service, dispatch, catalogue);
      if (returned) {
        deadlines.push({
          id: 'contract_return',
          dueDate: returned,
          party: 'provider',
          description: "restituzione del contratto firmato da parte dell'ente",
        });
        const faseD = faseDDue(request.service, returned, catalogue);
        if (faseD)
          deadlines.push({
            id: 'fase_d',
            dueDate: faseD,
            party: 'agency',
            description: 'compilazione della fase D in Gecas',
          });
      }
      if (request.service === 'ISD') {
        const isd = isdStartDates(dispatch);
        deadlines.push({
          id: 'isd_start',
          dueDate: isd.start,
          party: 'provider',
          description: "avvio dell'intervento ISD",
        });
        deadlines.push({
          id: 'isd_micro_team',
          dueDate: isd.microTeamBy,
          party: 'municipality',
          description: 'convocazione della micro-équipe integrata',
        });
      }
    }
  }
  return deadlines.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
