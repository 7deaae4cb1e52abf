import type { Logger } from 'pino';
import { addDays, romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { workingDayOnOrAfter } from '../../domain/calendar/working-days.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import { contractReturnDue } from '../../domain/deadlines/contract-deadlines.js';
import {
  contractRejectedNotice,
  contractSentNotice,
  type ContractReference,
} from '../../domain/contracts/contract-notices.js';
import { emailMessage, staffRecipient, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';
import {
  contractAttachments,
  contractNotApproved,
  contractToProvider,
  type ContractMailFacts,
} from './contract-emails.js';
import { romeMorning } from '../../domain/calendar/rome-instant.js';

/** A contract after staff decided on it, with what its next steps need. */
export interface DecidedContract {
  readonly id: string;
  readonly state: 'draft' | 'approved' | 'rejected' | 'sent' | 'returned' | 'refused';
  readonly followUpDone: boolean;
  readonly reason: string | null;
  readonly protocol: string;
  readonly service: string | null;
  readonly facts: ContractMailFacts;
  readonly reference: ContractReference;
  readonly municipalityId: string | null;
  readonly provider: { readonly id: string; readonly email: string; readonly inTeams: boolean } | null;
  readonly socialWorkersInTeams: boolean;
  /** Where the request came from, to answer the Comune in the same thread. */
  readonly requestSender: string | null;
  readonly requestMessageId: string | null;
  readonly outboundMessageId: string | null;
  readonly dueBackOn: CalendarDate | null;
  readonly docx: Uint8Array | null;
  readonly pdf: Uint8Array | null;
  /** The optimistic lock of the contract's steps. */
  readonly version: number;
  /** After the signed return: the fase D and the start (seed l. 216-219, 240-246). */
  readonly phaseD: {
    readonly returnedOn: CalendarDate | null;
    readonly dueOn: CalendarDate | null;
    readonly doneOn: CalendarDate | null;
    readonly operatorName: string | null;
    /** The start the request planned. */
    readonly plannedStart: CalendarDate | null;
  };
}

/** A reminder to run at a given moment (kept in the database, run by the scheduler). */
export interface ScheduledReminder {
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly dueAt: Date;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Everything a decision leads to, committed together. */
export interface FollowUp {
  readonly sent: { readonly outboundMessageId: string; readonly dueBackOn: CalendarDate | null } | null;
  readonly outbox: readonly OutboxMessage[];
  readonly reminders: readonly ScheduledReminder[];
  readonly note: string;
}

/** What the steps after a decision need from the database. */
export interface ContractDispatchStore {
  decidedContract(contractId: string): Promise<DecidedContract | null>;
  /** Records the follow-up once (false when it was already recorded), with its messages and reminders. */
  completeFollowUp(contractId: string, followUp: FollowUp, at: Date): Promise<boolean>;
  /** Decided contracts whose follow-up is still to do (a crash right after the click). */
  pendingFollowUps(decidedBefore: Date): Promise<string[]>;
}

export interface ContractDispatchOptions {
  readonly messageIdDomain: string;
  readonly signature: readonly string[];
}

/**
 * What happens once staff decide (FLOWS §2): an approved contract is e-mailed to the provider with
 * its document (threaded, protocol in the subject), the provider is told in Teams when it is
 * there, and the due-back reminder is scheduled; a rejected one is explained to the Comune.
 */
export class ContractDispatch {
  constructor(
    private readonly store: ContractDispatchStore,
    private readonly drafts: { renderForDispatch(contractId: string, sentOn: CalendarDate): Promise<void> },
    private readonly options: ContractDispatchOptions,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Runs the steps after a decision; harmless when they already ran. */
  async afterDecision(contractId: string): Promise<void> {
    let contract = await this.store.decidedContract(contractId);
    if (!contract || contract.followUpDone) return;
    const now = this.clock();
    if (contract.state === 'approved') {
      // Its «Scadenze» count from today, the day it is sent, as the covering e-mail's do.
      await this.drafts.renderForDispatch(contractId, romeDateOf(now));
      contract = (await this.store.decidedContract(contractId))!;
    }
    const followUp =
      contract.state === 'approved'
        ? this.approved(contract, romeDateOf(now))
        : contract.state === 'rejected'
          ? this.rejected(contract)
          : null;
    if (!followUp) return;
    if (await this.store.completeFollowUp(contractId, followUp, now)) {
      this.logger.info({ contractId, note: followUp.note }, 'contract decision followed up');
    }
  }

  /** Follows up decisions a crash left without their next steps. */
  async catchUp(): Promise<number> {
    const pending = await this.store.pendingFollowUps(new Date(this.clock().getTime() - 60_000));
    for (const contractId of pending) await this.afterDecision(contractId);
    return pending.length;
  }

  private approved(contract: DecidedContract, today: CalendarDate): FollowUp {
    if (!contract.provider || !contract.docx) {
      return {
        sent: null,
        outbox: [
          teamsText(
            `contract-unsendable:${contract.id}`,
            staffRecipient,
            `⚠️ Il contratto della pratica ${contract.protocol} è approvato ma non può essere inviato: ${contract.provider ? 'il documento non è stato generato' : "l'ente indicato non è nell'anagrafica degli enti accreditati"}. Inviarlo manualmente.`,
          ),
        ],
        reminders: [],
        note: 'approved, not sendable',
      };
    }
    const service = contract.service && isServiceCode(contract.service) ? contract.service : null;
    const dueBackOn = service ? contractReturnDue(service, today) : null;
    const messageId = `<contratto.${contract.id}@${this.options.messageIdDomain}>`;
    const email = contractToProvider({
      contract: contract.facts,
      to: contract.provider.email,
      messageId,
      dueBackOn,
      attachments: contractAttachments(contract.protocol, contract.docx, contract.pdf),
      signature: this.options.signature,
    });
    const outbox = [emailMessage(`contract-sent:${contract.id}`, email)];
    if (contract.provider.inTeams) {
      outbox.push(
        teamsText(
          `contract-sent-teams:${contract.id}`,
          { kind: 'provider', id: contract.provider.id },
          contractSentNotice(contract.reference, dueBackOn),
        ),
      );
    }
    return {
      sent: { outboundMessageId: messageId, dueBackOn },
      outbox,
      // The morning after the due date, if the signed copy has not come back: reminder and alert.
      reminders: dueBackOn
        ? [
            {
              idempotencyKey: `contract-due-back:${contract.id}`,
              kind: 'contract_due_back',
              dueAt: romeMorning(workingDayOnOrAfter(addDays(dueBackOn, 1))),
              payload: { contractId: contract.id, protocol: contract.protocol, dueBackOn },
            },
          ]
        : [],
      note: `sent to the provider, due back ${dueBackOn ?? 'promptly'}`,
    };
  }

  private rejected(contract: DecidedContract): FollowUp {
    const reason = contract.reason ?? 'motivo non indicato';
    const outbox: OutboxMessage[] = [];
    if (contract.requestSender) {
      const email = contractNotApproved(contract.facts, reason, {
        to: contract.requestSender,
        messageId: `<contratto-non-approvato.${contract.id}@${this.options.messageIdDomain}>`,
        inReplyTo: contract.requestMessageId,
        signature: this.options.signature,
      });
      outbox.push(emailMessage(`contract-rejected:${contract.id}`, email));
    }
    if (contract.municipalityId && contract.socialWorkersInTeams) {
      outbox.push(
        teamsText(
          `contract-rejected-teams:${contract.id}`,
          { kind: 'municipality', id: contract.municipalityId },
          contractRejectedNotice(contract.reference, reason),
        ),
      );
    }
    if (outbox.length === 0) {
      outbox.push(
        teamsText(
          `contract-rejected-unreachable:${contract.id}`,
          staffRecipient,
          `⚠️ Il rifiuto del contratto della pratica ${contract.protocol} non può essere comunicato automaticamente al Comune (nessun indirizzo): avvisarlo manualmente.`,
        ),
      );
    }
    return { sent: null, outbox, reminders: [], note: 'rejection explained to the Comune' };
  }
}
