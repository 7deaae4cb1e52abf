import type { ProviderName } from './provider-names.js';
import type { ForwardRecord } from './forward-reasons.js';
import type { ContractReplyContext } from '../contracts/contract-reply-messages.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { ProjectChange } from '../../domain/projects/project-change.js';
import type { VariedProject } from '../../domain/rules/variation-budget-rule.js';
import type { ProtocolNumber } from '../../domain/requests/protocol-number.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import type { PhaseDAfterReturn } from '../contracts/phase-d.js';
import type { NewForecast } from '../forecasts/forecast-records.js';
import type { ContinuingProject } from '../../domain/forecasts/cumulative-contracts.js';
import type { NewCumulativeContract } from '../forecasts/cumulative-contract-steps.js';
import type { ReceivedDocument } from './message-reader.js';

/** A message as taken from the mailbox, before anything else is done with it. */
export interface InboundMessageInput {
  readonly mailbox: string;
  /** Message-ID when present, else `sha256:<hash of the raw message>`. */
  readonly dedupeKey: string;
  readonly messageId: string | null;
  readonly contentHash: string;
  readonly uidValidity: bigint | null;
  readonly uid: bigint | null;
  readonly receivedAt: Date;
  readonly fromAddress: string | null;
  readonly raw: Uint8Array;
  /** SHA-256 of `raw` (hex): the message's impronta in the register (DPR 445/2000 art. 53). */
  readonly sha256: string;
}

export type InboundState = 'registered' | 'processed' | 'ignored' | 'forwarded' | 'quarantined';

export interface RegisteredMessage {
  readonly id: string;
  /** False when the message had been registered before (redelivery, restart, UIDVALIDITY reset). */
  readonly isNew: boolean;
  readonly state: InboundState;
  /** Processing attempts started so far: more than 0 on a registered message means a process died on it. */
  readonly attempts: number;
  /** Of the message stored under this key: another one means a Message-ID used twice. */
  readonly contentHash: string;
}

/** The request a form became, with the protocol number the intake expects to give it. */
export interface RequestRecord {
  readonly protocol: ProtocolNumber;
  readonly kind: string;
  readonly service: string | null;
  readonly status: 'acknowledged' | 'integration_requested';
  readonly receivedAt: Date;
  /** Rome calendar date of receipt, `YYYY-MM-DD`; its year numbers the protocol. */
  readonly receivedOn: string;
  /** Where the reply went: a registered address of the sender's Comune. */
  readonly senderAddress: string | null;
  /** The authenticated sender and its registered Comune, by which replies are counted. */
  readonly authenticatedSender: string;
  readonly senderMunicipalityId: string;
  readonly threadMessageId: string | null;
  /** The subject of the message, as written: the register's «oggetto». */
  readonly subject: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly problems: readonly unknown[];
  readonly municipalityId: string | null;
  /** For an accepted activation or day-centre entry: the project it opens (pending its contract). */
  readonly opens?: NewProject;
  /** For an accepted variation or cessation: the change it makes to a project of the register. */
  readonly changes?: { readonly projectId: string; readonly change: ProjectChange };
}

/** The running project a variation or cessation is about, with whom to tell. */
export interface ProjectToChange extends VariedProject {
  readonly id: string;
  readonly service: string;
  readonly provider: { readonly id: string; readonly name: string; readonly email: string } | null;
  /** Message-ID of the e-mail that carried the contract to the provider, to thread the notice. */
  readonly contractMessageId: string | null;
}

/** A project opened by an accepted request, with its beneficiary; a draft contract goes with it. */
export interface NewProject {
  readonly beneficiary: {
    readonly taxCode: string;
    readonly surname: string;
    readonly name: string;
    readonly birthDate: string;
    readonly municipalityId: string;
  };
  readonly service: string;
  readonly coPayingMunicipalityId: string | null;
  /** A co-paying Comune outside the Ambito, as the form names it. */
  readonly coPayingOutsideAmbito: string | null;
  /** As written on the form. */
  readonly providerName: string | null;
  /** The provider of the register it names, matched when the request was planned; null: none. */
  readonly providerId: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly annualMinutes: number | null;
  readonly committedBudgetCents: number;
  readonly operatorProfile: string | null;
  readonly upperSecondary: boolean;
  readonly placedMinor: boolean;
  readonly dayUnitId: string | null;
}

/** A provider's answer to a contract (the signed copy, or a written refusal), as it is recorded. */
export interface ContractReplyRecord {
  readonly contractId: string;
  readonly outcome: 'returned' | 'refused';
  /** Who recorded it: `ente (e-mail)`, or the staff member who marked it from the card. */
  readonly actor: string;
  readonly document: { readonly fileName: string; readonly content: Uint8Array } | null;
  readonly reason: string | null;
  readonly at: Date;
  /** A signed return: the fase D it opens (due date and reminder), when the service has one. */
  readonly phaseD: PhaseDAfterReturn | null;
  /** The operator the provider named with its return. */
  readonly operatorName: string | null;
}

/** How a registered message ends, decided before anything is written: what to record and what to send. */
export interface IntakeDecision {
  readonly state: Exclude<InboundState, 'registered'>;
  readonly kind: string;
  readonly quarantineReason?: string;
  /** For a message handed to staff: why, and what they are told. */
  readonly forward?: ForwardRecord;
  readonly request?: RequestRecord;
  /** The other forms of a message with several (issue #15): each its own request, numbered after `request`. */
  readonly moreRequests?: readonly RequestRecord[];
  /** A provider's answer in a contract's thread, recorded with the message. */
  readonly contractReply?: ContractReplyRecord;
  /** For a spending forecast: the cumulative contracts owed to providers, tracked from now. */
  readonly cumulativeContracts?: readonly NewCumulativeContract[];
  /** For a Comune's spending forecast: its rows, for staff to check and confirm. */
  readonly forecast?: NewForecast;
  /** Written to the outbox in the same transaction. */
  readonly messages: readonly OutboxMessage[];
  /** The files the message brought, with their impronta, recorded once with it. */
  readonly documents?: readonly ReceivedDocument[];
}

/** What recording a decision came to. */
export type CompletionResult =
  | { readonly status: 'completed'; readonly protocol: string | null }
  /** Someone (a replica, a retry) completed the message first: nothing was written. */
  | { readonly status: 'already_completed'; readonly protocol: string | null }
  /** The request's number went to another request meanwhile: nothing was written; decide again with `next`. */
  | { readonly status: 'number_taken'; readonly next: number };

/** What recording several decisions together came to. */
export type GroupCompletionResult =
  | {
      readonly status: 'completed';
      readonly results: readonly Exclude<CompletionResult, { status: 'number_taken' }>[];
    }
  /** A request's number of `year` went to another request meanwhile: nothing was written. */
  | { readonly status: 'number_taken'; readonly year: number; readonly next: number };

/** What the mail intake needs from the database. */
export interface IntakeStore {
  /**
   * Registers a message once and counts a processing attempt while it is not done; a second call
   * with the same mailbox and dedupe key returns the first row.
   */
  register(message: InboundMessageInput): Promise<RegisteredMessage>;
  /** `register` for a whole batch at once (one round trip), in the order given. */
  registerAll(messages: readonly InboundMessageInput[]): Promise<RegisteredMessage[]>;
  /** Counts one more processing attempt of each registered message and returns the counts, in order. */
  startAttempts(inboundIds: readonly string[]): Promise<number[]>;
  /**
   * Atomically: stores the request (if any) under the number it carries, provided that number is
   * the next of its year (numbers have neither gaps nor duplicates), writes the outbox rows and the
   * audit entries, and marks the message done.
   */
  complete(inboundId: string, decision: IntakeDecision): Promise<CompletionResult>;
  /**
   * `complete` for several messages in one transaction, in order: all are recorded, or, when a
   * request's number is taken, none is.
   */
  completeAll(
    entries: readonly { readonly inboundId: string; readonly decision: IntakeDecision }[],
  ): Promise<GroupCompletionResult>;
  /**
   * The running (pending or active) projects of these beneficiaries, by codice fiscale, not ended
   * before `on`, the latest first.
   */
  continuingProjects(taxCodes: readonly string[], on: CalendarDate): Promise<readonly ContinuingProject[]>;
  /** The providers of the register, with the other spellings of their names (may be cached briefly). */
  providers(): Promise<readonly ProviderName[]>;
  /** The next free protocol number of `year`, as far as the database knows now. */
  nextProtocolNumber(year: number): Promise<number>;
  /** Requests filed since `since` by one authenticated sender, or by one registered Comune's offices. */
  countRequestsFrom(
    from: { readonly sender: string } | { readonly municipalityId: string },
    since: Date,
  ): Promise<number>;
  /** A running (pending or active) project of a beneficiary and service whose period overlaps `from`–`to`. */
  runningProject(query: {
    readonly taxCode: string;
    readonly service: string;
    readonly from: CalendarDate;
    readonly to: CalendarDate | null;
  }): Promise<RunningProject | null>;
  /** The running project of a beneficiary (codice fiscale) and service (or one of several) on a date, if any. */
  projectToChange(query: {
    readonly taxCode: string;
    readonly service: string | readonly string[];
    readonly on: CalendarDate;
  }): Promise<ProjectToChange | null>;
  /** The contract whose e-mail a reply refers to (In-Reply-To, References), if any. */
  contractByThread(messageIds: readonly string[], now: Date): Promise<ContractReplyContext | null>;
}

/** A beneficiary's running project of a service, as a duplicate activation meets it. */
export interface RunningProject {
  readonly service: string;
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate | null;
  /** The request that opened it, when it came through Sportello. */
  readonly protocol: string | null;
}
