import type { ContractReplyContext } from '../replies/contract-reply-messages.js';
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

/** Something to send, written in the same transaction as its cause. */
export interface OutboxDraft {
  readonly idempotencyKey: string;
  readonly channel: 'email' | 'teams';
  readonly recipient: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The request a form became, before it has a protocol number. */
export interface RequestRecord {
  readonly kind: string;
  readonly service: string | null;
  readonly status: 'acknowledged' | 'integration_requested';
  readonly receivedAt: Date;
  /** Rome calendar date of receipt, `YYYY-MM-DD`; its year numbers the protocol. */
  readonly receivedOn: string;
  readonly senderAddress: string | null;
  readonly threadMessageId: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly problems: readonly unknown[];
  readonly municipalityId: string | null;
  /** For an accepted activation or day-centre entry: the project it opens (pending its contract). */
  readonly opens?: NewProject;
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
  /** As written on the form; matched against the register of providers. */
  readonly providerName: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly annualMinutes: number | null;
  readonly committedBudgetCents: number;
  readonly operatorProfile: string | null;
  readonly upperSecondary: boolean;
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
}

/** How a registered message ends: with or without a request, and what to send. */
export interface IntakeOutcome {
  readonly state: Exclude<InboundState, 'registered'>;
  readonly kind: string;
  readonly quarantineReason?: string;
  readonly request?: RequestRecord;
  /** A provider's answer in a contract's thread, recorded with the message. */
  readonly contractReply?: ContractReplyRecord;
  /** Renders what to send once the protocol number is known (pure; runs inside the transaction). */
  readonly outbox: (protocol: string | null) => OutboxDraft[];
}

/** What the mail intake needs from the database. */
export interface IntakeStore {
  /**
   * Registers a message once and counts a processing attempt while it is not done; a second call
   * with the same mailbox and dedupe key returns the first row.
   */
  register(message: InboundMessageInput): Promise<RegisteredMessage>;
  /** Counts one more processing attempt of a registered message and returns the count. */
  startAttempt(inboundId: string): Promise<number>;
  /**
   * Atomically: numbers and stores the request (if any), writes the outbox rows and the audit entry,
   * and marks the message done. Returns the protocol number given, if any.
   */
  complete(inboundId: string, outcome: IntakeOutcome): Promise<{ protocol: string | null }>;
  /** E-mails queued to `address` since `since`, for the per-sender rate limit of automatic replies. */
  countRepliesTo(address: string, since: Date): Promise<number>;
  /** The contract whose e-mail a reply refers to (In-Reply-To, References), if any. */
  contractByThread(messageIds: readonly string[], now: Date): Promise<ContractReplyContext | null>;
}
