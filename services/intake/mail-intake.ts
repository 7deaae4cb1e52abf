import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../../domain/app-error.js';
import type { CounterpartDirectory } from './counterpart-directory.js';
import {
  decideRequest,
  planIntake,
  quarantined,
  type IntakePlan,
  type ReplyOptions,
  type RequestPlan,
  type SenderFacts,
} from './intake-decision.js';
import type { IntakeDecision, IntakeStore, RegisteredMessage } from './intake-store.js';
import { unreadableMessage, type MessageReader, type ReadMessage } from './message-reader.js';
import { ProtocolNumbering } from './protocol-numbering.js';
import { ReplyCounts } from './reply-counts.js';
import { senderAuthentication } from './sender-authentication.js';
import { startWithLimit } from './start-with-limit.js';

/** A message as the watcher fetched it. */
export interface FetchedMessage {
  readonly mailbox: string;
  readonly uidValidity: bigint | null;
  readonly uid: bigint | null;
  /** The server's receipt time (IMAP INTERNALDATE). */
  readonly internalDate: Date;
  /** Size announced by the server; the source is not fetched when it is over the limit. */
  readonly size: number;
  /** Raw source, or only the header block when the message is over the size limit. */
  readonly raw: Uint8Array;
}

/** Other processes taking numbers meanwhile: give up (and retry the message later) after this many. */
const maxNumberingAttempts = 20;

/** Where the watcher should move the message once its outcome is committed. */
export type Disposition = 'processed' | 'staff' | 'quarantine';

export interface MailIntakeOptions extends ReplyOptions {
  /** Only the message size is checked here, before reading; the reader applies the rest. */
  readonly limits: { readonly maxMessageBytes: number };
  /** Automatic replies to one authenticated sender in the last hour above which the office answers by hand. */
  readonly maxRepliesPerSenderPerHour: number;
  /** The same, for all the registered offices of one Comune together. */
  readonly maxRepliesPerMunicipalityPerHour: number;
  /** The authserv-id of the office's receiving server, whose Authentication-Results are believed. */
  readonly authservId: string | null;
  /** Processing attempts after which a message that keeps failing is quarantined. */
  readonly maxAttempts: number;
  /** Messages read and triaged at the same time within a batch. */
  readonly parallelParsing: number;
}

/** Something to tell once an outcome is committed (the bot subscribes; durable delivery is the outbox). */
export type IntakeListener = (event: {
  inboundId: string;
  disposition: Disposition;
  protocol: string | null;
  kind: string;
}) => void;

/**
 * The intake of one message, exactly once in effect: register it (idempotent on Message-ID or
 * content hash), triage it, and commit the request, the reply and the staff notices in one
 * transaction. The caller moves the message out of the inbox only after this returns.
 */
export class MailIntake {
  private readonly listeners: IntakeListener[] = [];
  private readonly numbering: ProtocolNumbering;

  constructor(
    private readonly store: IntakeStore,
    private readonly counterparts: CounterpartDirectory,
    private readonly reader: MessageReader,
    private readonly options: MailIntakeOptions,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.numbering = new ProtocolNumbering(store);
  }

  onOutcome(listener: IntakeListener): void {
    this.listeners.push(listener);
  }

  async handle(message: FetchedMessage): Promise<Disposition> {
    const [disposition] = await this.handleBatch([message]);
    return disposition!;
  }

  /**
   * Handles messages in arrival order: registers each, reads and triages the new ones a few at a
   * time (parsing is the slow part), then commits them one by one in order, so that protocol
   * numbers follow arrival.
   */
  async handleBatch(messages: readonly FetchedMessage[]): Promise<Disposition[]> {
    const registered: Registered[] = [];
    for (const message of messages) registered.push(await this.register(message));
    const pendingFor = ({ message, row, reusedMessageId }: Registered) =>
      row.state === 'registered' ? this.planFor(row.id, message, reusedMessageId) : Promise.resolve(null);
    const dispositions: Disposition[] = [];
    const replies = new ReplyCounts(this.store, this.clock);
    // A message started before and still registered was in flight when a process died, and may be
    // why: then the batch goes one message at a time, each committed before the next is started,
    // so that only the culprit keeps counting attempts until it is quarantined.
    if (registered.some(({ row }) => row.state === 'registered' && row.attempts > 0)) {
      for (const entry of registered)
        dispositions.push(await this.commit(entry.row, await pendingFor(entry), replies));
      return dispositions;
    }
    // Committing waits on the database while parsing works the CPU: the first messages are
    // committed, in order, while the later ones of the batch are still being read.
    const outcomes = startWithLimit(registered, this.options.parallelParsing, pendingFor);
    for (const [index, { row }] of registered.entries()) {
      dispositions.push(await this.commit(row, await outcomes[index]!, replies));
    }
    return dispositions;
  }

  private async commit(
    row: RegisteredMessage,
    plan: IntakePlan | null,
    replies: ReplyCounts,
  ): Promise<Disposition> {
    if (!plan) return dispositionOf(row.state);
    const { decision, protocol } =
      plan.kind === 'decided'
        ? await this.commitDecided(row.id, plan.decision)
        : await this.commitRequest(row.id, plan.request, replies);
    const disposition = dispositionOf(decision.state);
    if (decision.state === 'quarantined')
      // The reason may quote a file name ("Richiesta ADM Rossi Luca …"): it stays on the row, for staff.
      this.logger.warn({ inboundId: row.id }, 'message quarantined');
    this.logger.info({ inboundId: row.id, kind: decision.kind, disposition, protocol }, 'message handled');
    for (const listener of this.listeners)
      listener({ inboundId: row.id, disposition, protocol, kind: decision.kind });
    return disposition;
  }

  /** Records an outcome that opens no request (ignored, to staff, quarantined, a contract's answer). */
  private async commitDecided(
    inboundId: string,
    decision: IntakeDecision,
  ): Promise<{ decision: IntakeDecision; protocol: string | null }> {
    const result = await this.store.complete(inboundId, decision);
    return { decision, protocol: result.status === 'number_taken' ? null : result.protocol };
  }

  /**
   * Numbers and records a request: decided under the number this process expects, and decided
   * again under the next free one if another process took it meanwhile.
   */
  private async commitRequest(
    inboundId: string,
    plan: RequestPlan,
    replies: ReplyCounts,
  ): Promise<{ decision: IntakeDecision; protocol: string | null }> {
    // Counted here, in arrival order, so that messages triaged together do not all pass the limit.
    const sender = { sender: plan.sender };
    const municipality = { municipalityId: plan.senderMunicipalityId };
    const rateLimited =
      (await replies.lastHour(sender)) >= this.options.maxRepliesPerSenderPerHour ||
      (await replies.lastHour(municipality)) >= this.options.maxRepliesPerMunicipalityPerHour;
    for (let attempt = 1; ; attempt += 1) {
      const protocol = await this.numbering.expected(plan.year);
      const decision = decideRequest(plan, protocol, rateLimited, this.options);
      const result = await this.store.complete(inboundId, decision);
      if (result.status === 'number_taken') {
        if (attempt >= maxNumberingAttempts)
          throw new AppError('conflict', `protocol numbers of ${plan.year} kept being taken`);
        this.numbering.taken(plan.year, result.next);
        continue;
      }
      if (result.status === 'completed') {
        this.numbering.used(plan.year, protocol.number);
        replies.added(sender);
        replies.added(municipality);
      }
      return { decision, protocol: result.protocol };
    }
  }

  private async register(message: FetchedMessage): Promise<Registered> {
    const contentHash = createHash('sha256').update(message.raw).update(String(message.size)).digest('hex');
    const messageId = headerMessageId(message.raw);
    const input = {
      mailbox: message.mailbox,
      dedupeKey: messageId ?? `sha256:${contentHash}`,
      messageId,
      contentHash,
      uidValidity: message.uidValidity,
      uid: message.uid,
      receivedAt: message.internalDate,
      fromAddress: null,
      raw: message.raw,
    };
    const row = await this.store.register(input);
    if (row.isNew || row.contentHash === contentHash || !messageId) {
      return { message, row, reusedMessageId: false };
    }
    // Another message under a Message-ID already seen (some mail systems reuse them): kept as a
    // message of its own, and never answered automatically, since it might be a redelivery.
    const variant = await this.store.register({ ...input, dedupeKey: `${messageId} sha256:${contentHash}` });
    return { message, row: variant, reusedMessageId: true };
  }

  private async planFor(
    inboundId: string,
    message: FetchedMessage,
    reusedMessageId: boolean,
  ): Promise<IntakePlan> {
    const decided = (decision: IntakeDecision): IntakePlan => ({ kind: 'decided', decision });
    const attempts = await this.store.startAttempt(inboundId);
    if (attempts > this.options.maxAttempts) {
      return decided(
        quarantined(inboundId, `elaborazione non riuscita dopo ${this.options.maxAttempts} tentativi`),
      );
    }
    const limit = this.options.limits.maxMessageBytes;
    if (message.size > limit) {
      return decided(
        quarantined(
          inboundId,
          `messaggio di ${Math.round(message.size / 1048576)} MB, oltre il limite di ${Math.round(limit / 1048576)} MB`,
        ),
      );
    }
    let read: ReadMessage;
    try {
      read = await this.reader.read(message.raw, message.internalDate);
    } catch (error) {
      if (isAppError(error, 'mail_reader_unavailable')) throw error; // not the message's fault
      this.logger.warn({ inboundId, err: error }, 'message could not be read');
      const reason = isAppError(error, 'mail_unreadable') ? error.userMessage : unreadableMessage;
      return decided(quarantined(inboundId, reason));
    }
    const { mail } = read.parsed;
    const thread = [mail.inReplyTo, ...mail.references].filter((id): id is string => !!id);
    const now = this.clock();
    const contract = thread.length > 0 ? await this.store.contractByThread(thread, now) : null;
    const sender = await this.senderOf(read);
    return planIntake({ inboundId, read, sender, reusedMessageId, contract, now }, this.options);
  }

  /** Who wrote, by the registry: the authenticated sender, and Reply-To only within its own Comune. */
  private async senderOf(read: ReadMessage): Promise<SenderFacts> {
    const { mail } = read.parsed;
    const address = mail.from;
    const replyTo = mail.replyTo && mail.replyTo !== address ? mail.replyTo : null;
    const known = await this.counterparts.whoAre([address, replyTo].filter((a): a is string => !!a));
    const counterpart = address ? (known.get(address) ?? null) : null;
    const replyToCounterpart = replyTo ? known.get(replyTo) : undefined;
    const sameMunicipality =
      counterpart?.kind === 'municipality' &&
      replyToCounterpart?.kind === 'municipality' &&
      replyToCounterpart.municipalityId === counterpart.municipalityId;
    return {
      address,
      counterpart,
      registeredReplyTo: sameMunicipality ? replyTo : null,
      authentication: senderAuthentication(mail.headers, this.options.authservId),
    };
  }
}

function dispositionOf(state: string): Disposition {
  if (state === 'quarantined') return 'quarantine';
  if (state === 'forwarded') return 'staff';
  return 'processed';
}

/** A message registered in the database, and whether its Message-ID was already taken. */
interface Registered {
  readonly message: FetchedMessage;
  readonly row: RegisteredMessage;
  readonly reusedMessageId: boolean;
}

/** The Message-ID of the top-level header block, read without parsing the whole message. */
export function headerMessageId(raw: Uint8Array): string | null {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 64 * 1024))).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*(<[^<>\s]{1,400}>)/im.exec(block);
  return match ? match[1]! : null;
}
