import { staffRecipient, teamsText } from '../outbox/outbox-message.js';
import { compareDates, romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import { contractDispatchDue } from '../../domain/deadlines/contract-deadlines.js';
import { contractDispatchDueAlert, type ContractReference } from '../../domain/contracts/contract-notices.js';
import type { CalendarStore, TickTask } from '../calendar/calendar-tick.js';

/** What the dispatch-deadline check needs from the database. */
export interface UndecidedDrafts {
  /** Draft contracts still waiting for staff, with when their request arrived. */
  undecidedDrafts(): Promise<
    { contractId: string; service: string | null; receivedOn: CalendarDate; reference: ContractReference }[]
  >;
}

/**
 * The contract must reach the provider within 5 working days of the request (10 for day centres,
 * 2 for ISD): on the last day, a draft still undecided is pointed out to staff, once.
 */
export class ContractDispatchDeadlines implements TickTask {
  readonly name = 'termini di trasmissione dei contratti';

  constructor(
    private readonly drafts: UndecidedDrafts,
    private readonly calendar: Pick<CalendarStore, 'recordDuty'>,
  ) {}

  async run(now: Date): Promise<string> {
    const today = romeDateOf(now);
    let alerts = 0;
    for (const draft of await this.drafts.undecidedDrafts()) {
      const dueOn =
        draft.service && isServiceCode(draft.service)
          ? contractDispatchDue(draft.service, draft.receivedOn)
          : null;
      if (!dueOn || compareDates(today, dueOn) < 0) continue;
      const key = `contract-dispatch-due:${draft.contractId}`;
      alerts += await this.calendar.recordDuty(
        {
          idempotencyKey: `${key}:run`,
          kind: 'contract_dispatch_due',
          dueAt: now,
          state: 'sent',
          outcome: `scadenza ${dueOn}`,
        },
        [
          {
            idempotencyKey: key,
            recipient: 'staff',
            outbox: teamsText(
              `${key}:teams`,
              staffRecipient,
              contractDispatchDueAlert(draft.reference, dueOn),
            ),
          },
        ],
      );
    }
    return `${alerts} avvisi`;
  }
}
