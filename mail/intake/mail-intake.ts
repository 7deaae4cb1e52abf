import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { isAppError } from '../../domain/app-error.js';
import type { MailLimits } from '../parsing/mail-limits.js';
import type { ParsedMessage } from '../parsing/parse-message.js';
import { unreadableMessage, type ReadMessage } from '../parsing/read-message.js';
import { acknowledgementNotice, integrationRequest } from '../replies/procedure-notice.js';
import { contractReplyMessages, type ContractReplyContext } from '../replies/contract-reply-messages.js';
import { classifyContractReply } from '../../domain/contracts/contract-reply.js';
import type { EmailContent } from '../replies/reply-content.js';
import type {
  IntakeOutcome,
  IntakeStore,
  NewProject,
  OutboxDraft,
  RegisteredMessage,
} from './intake-store.js';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import { findDayUnit } from '../../domain/catalogue/day-units.js';

/**
 * Decodes and triages a raw message. A message it gives up on fails with AppError
 * `mail_unreadable` (and is quarantined); `mail_reader_unavailable` means Sportello cannot read
 * at all for now (the message stays in the inbox for the next attempt).
 */
export interface MessageReader {
  read(raw: Uint8Array, deliveredAt: Date): Promise<ReadMessage>;
}

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

/** Where the watcher should move the message once its outcome is committed. */
export type Disposition = 'processed' | 'staff' | 'quarantine';

export interface MailIntakeOptions {
  /** Only the message size is checked here, before reading; the reader applies the rest. */
  readonly limits: MailLimits;
  /** Automatic replies to one sender in the last hour above which the office answers by hand. */
  readonly maxRepliesPerSenderPerHour: number;
  /** Processing attempts after which a message that keeps failing is quarantined. */
  readonly maxAttempts: number;
  readonly signature: readonly string[];
  /** Domain of our own Message-IDs. */
  readonly messageIdDomain: string;
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

  constructor(
    private readonly store: IntakeStore,
    private readonly reader: MessageReader,
    private readonly options: MailIntakeOptions,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

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
      row.state === 'registered' ? this.outcomeFor(row.id, message, reusedMessageId) : Promise.resolve(null);
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
    pending: PendingOutcome | null,
    replies: ReplyCounts,
  ): Promise<Disposition> {
    if (!pending) return dispositionOf(row.state);
    // Counted here, in arrival order, so that messages triaged together do not all pass the limit.
    const rateLimited = pending.replyTo
      ? (await replies.lastHour(pending.replyTo)) >= this.options.maxRepliesPerSenderPerHour
      : false;
    const outcome = pending.build(rateLimited);
    const { protocol } = await this.store.complete(row.id, outcome);
    if (pending.replyTo && !rateLimited) replies.added(pending.replyTo);
    const disposition = dispositionOf(outcome.state);
    this.logger.info({ inboundId: row.id, kind: outcome.kind, disposition, protocol }, 'message handled');
    for (const listener of this.listeners)
      listener({ inboundId: row.id, disposition, protocol, kind: outcome.kind });
    return disposition;
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

  private async outcomeFor(
    inboundId: string,
    message: FetchedMessage,
    reusedMessageId: boolean,
  ): Promise<PendingOutcome> {
    const attempts = await this.store.startAttempt(inboundId);
    if (attempts > this.options.maxAttempts) {
      return fixed(
        this.quarantine(inboundId, `elaborazione non riuscita dopo ${this.options.maxAttempts} tentativi`),
      );
    }
    if (message.size > this.options.limits.maxMessageBytes) {
      return fixed(
        this.quarantine(
          inboundId,
          `messaggio di ${Math.round(message.size / 1048576)} MB, oltre il limite di ${Math.round(this.options.limits.maxMessageBytes / 1048576)} MB`,
        ),
      );
    }
    return this.triaged(inboundId, message, reusedMessageId);
  }

  private async triaged(
    inboundId: string,
    message: FetchedMessage,
    reusedMessageId: boolean,
  ): Promise<PendingOutcome> {
    let read: ReadMessage;
    try {
      read = await this.reader.read(message.raw, message.internalDate);
    } catch (error) {
      if (isAppError(error, 'mail_reader_unavailable')) throw error; // not the message's fault
      this.logger.warn({ inboundId, err: error }, 'message could not be read');
      const reason = isAppError(error, 'mail_unreadable') ? error.userMessage : unreadableMessage;
      return fixed(this.quarantine(inboundId, reason));
    }
    const { parsed, result } = read;
    if (result.action === 'ignore') {
      return fixed({ state: 'ignored', kind: result.kind, outbox: () => [] });
    }
    if (reusedMessageId) {
      return fixed({
        state: 'forwarded',
        kind: result.kind,
        outbox: () => [
          staffNotice(inboundId, 'message_for_staff', {
            reason: 'message_id_reused',
            from: parsed.mail.from,
            subject: parsed.mail.subject,
            note: `Ha lo stesso identificativo (Message-ID) di un messaggio già ricevuto, ma un contenuto diverso: non ha avuto risposta automatica, per non rispondere due volte allo stesso messaggio.`,
          }),
        ],
      });
    }
    // A provider answering the e-mail that carried a contract: whatever is attached is its answer.
    const thread = [parsed.mail.inReplyTo, ...parsed.mail.references].filter((id): id is string => !!id);
    const contract = thread.length > 0 ? await this.store.contractByThread(thread, this.clock()) : null;
    if (contract && !result.draft) return fixed(this.contractAnswer(inboundId, parsed, contract));
    if (result.quarantineReason) return fixed(this.quarantine(inboundId, result.quarantineReason));
    if (result.action === 'forward_to_staff' || !result.draft) {
      return fixed({
        state: 'forwarded',
        kind: result.kind,
        outbox: () => [
          staffNotice(inboundId, 'message_for_staff', {
            reason: result.kind,
            from: parsed.mail.from,
            subject: parsed.mail.subject,
          }),
        ],
      });
    }
    const replyTo = parsed.mail.replyTo;
    const draft = result.draft;
    return {
      replyTo,
      build: (rateLimited) => ({
        state: 'processed',
        kind: result.kind,
        request: {
          kind: draft.kind,
          service: result.service,
          status: result.action === 'acknowledge' ? 'acknowledged' : 'integration_requested',
          receivedAt: result.receivedAt,
          receivedOn: romeDateOf(result.receivedAt),
          senderAddress: replyTo,
          threadMessageId: parsed.mail.messageId,
          fields: { ...draft, source: result.formSource },
          problems: result.problems,
          opens: result.action === 'acknowledge' ? newProject(draft) : undefined,
          municipalityId: draft.beneficiary.municipality
            ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.istatCode ?? null)
            : null,
        },
        outbox: (protocol) => {
          const drafts: OutboxDraft[] = [];
          if (replyTo && !rateLimited && protocol) {
            const addressing = {
              protocol,
              to: replyTo,
              originalSubject: parsed.mail.subject,
              originalMessageId: parsed.mail.messageId,
              references: [
                ...parsed.mail.references,
                ...(parsed.envelopeMessageId && parsed.envelopeMessageId !== parsed.mail.messageId
                  ? [parsed.envelopeMessageId]
                  : []),
              ],
              messageId: `<reply.${inboundId}@${this.options.messageIdDomain}>`,
              signature: this.options.signature,
            };
            const email =
              result.action === 'acknowledge'
                ? acknowledgementNotice(result, addressing)
                : integrationRequest(result, addressing);
            drafts.push(emailDraft(`reply:${inboundId}`, email));
          } else {
            drafts.push(
              staffNotice(inboundId, 'reply_withheld', {
                reason: rateLimited ? 'rate_limit' : 'no_address',
                protocol,
              }),
            );
          }
          if (result.action === 'acknowledge') {
            // The hook for every accepted request: durable, delivered to the staff channel by the bot.
            drafts.push({
              idempotencyKey: `request-accepted:${inboundId}`,
              channel: 'teams',
              recipient: 'staff',
              payload: { type: 'request_accepted', protocol, kind: draft.kind, service: result.service },
            });
          }
          return drafts;
        },
      }),
    };
  }

  private contractAnswer(
    inboundId: string,
    parsed: ParsedMessage,
    contract: ContractReplyContext,
  ): IntakeOutcome {
    const body = parsed.mail.texts
      .filter((text) => /(^|\/)body$/.test(text.source))
      .map((text) => text.text)
      .join('\n');
    const reply = classifyContractReply({ body, attachments: parsed.attachments });
    const messageOptions = {
      messageIdDomain: this.options.messageIdDomain,
      signature: this.options.signature,
    };
    if (contract.state !== 'sent' || reply.kind === 'unclear') {
      return {
        state: 'forwarded',
        kind: 'contract_reply',
        outbox: () => [
          staffNotice(inboundId, 'message_for_staff', {
            reason: 'contract_reply',
            from: parsed.mail.from,
            subject: `${parsed.mail.subject} (risposta sul contratto della pratica ${contract.facts.protocol}, da verificare)`,
          }),
        ],
      };
    }
    const at = this.clock();
    if (reply.kind === 'refused') {
      return {
        state: 'processed',
        kind: 'contract_reply',
        contractReply: {
          contractId: contract.contractId,
          outcome: 'refused',
          actor: 'ente (e-mail)',
          document: null,
          reason: reply.reason,
          at,
        },
        outbox: () =>
          contractReplyMessages(contract, { outcome: 'refused', reason: reply.reason }, messageOptions),
      };
    }
    const signed = parsed.attachments[reply.attachmentIndex]!;
    return {
      state: 'processed',
      kind: 'contract_reply',
      contractReply: {
        contractId: contract.contractId,
        outcome: 'returned',
        actor: 'ente (e-mail)',
        document: { fileName: signed.fileName, content: signed.content },
        reason: null,
        at,
      },
      outbox: () =>
        contractReplyMessages(
          contract,
          { outcome: 'returned', via: `via e-mail, allegato «${signed.fileName}»` },
          messageOptions,
        ),
    };
  }

  private quarantine(inboundId: string, reason: string): IntakeOutcome {
    this.logger.warn({ inboundId, reason }, 'message quarantined');
    return {
      state: 'quarantined',
      kind: 'other',
      quarantineReason: reason,
      outbox: () => [staffNotice(inboundId, 'message_quarantined', { reason })],
    };
  }
}

/** An outcome decided before the rate limit is known (only replies depend on it). */
interface PendingOutcome {
  readonly replyTo: string | null;
  build(rateLimited: boolean): IntakeOutcome;
}

function fixed(outcome: IntakeOutcome): PendingOutcome {
  return { replyTo: null, build: () => outcome };
}

function emailDraft(idempotencyKey: string, email: EmailContent): OutboxDraft {
  return { idempotencyKey, channel: 'email', recipient: email.to, payload: { type: 'email', ...email } };
}

function staffNotice(inboundId: string, type: string, details: Record<string, unknown>): OutboxDraft {
  return {
    idempotencyKey: `${type}:${inboundId}`,
    channel: 'teams',
    recipient: 'staff',
    payload: { type, inboundId, ...details },
  };
}

function dispositionOf(state: string): Disposition {
  if (state === 'quarantined') return 'quarantine';
  if (state === 'forwarded') return 'staff';
  return 'processed';
}

/**
 * The automatic replies each sender got in the last hour, read once per sender and batch and
 * then kept up to date here: a backlog of one Comune's requests costs one count, not one each.
 */
class ReplyCounts {
  private readonly counts = new Map<string, Promise<number>>();

  constructor(
    private readonly store: IntakeStore,
    private readonly clock: () => Date,
  ) {}

  lastHour(address: string): Promise<number> {
    let count = this.counts.get(address);
    if (!count) {
      count = this.store.countRepliesTo(address, new Date(this.clock().getTime() - 3_600_000));
      this.counts.set(address, count);
    }
    return count;
  }

  /** One more reply to `address` was just committed. */
  added(address: string): void {
    const count = this.counts.get(address);
    if (count)
      this.counts.set(
        address,
        count.then((value) => value + 1),
      );
  }
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

/** Starts `map` on every item, at most `limit` at a time, in order; one promise per item. */
function startWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R>[] {
  const settle = items.map(() => {
    let resolve!: (value: R) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<R>((ok, fail) => ((resolve = ok), (reject = fail)));
    promise.catch(() => undefined); // rethrown to whoever awaits it; never unhandled meanwhile
    return { promise, resolve, reject };
  });
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await map(items[index]!).then(settle[index]!.resolve, settle[index]!.reject);
    }
  };
  for (let i = 0; i < Math.min(limit, items.length); i += 1) void worker();
  return settle.map((entry) => entry.promise);
}

/** The project an accepted activation or day-centre entry opens; nothing for other requests. */
function newProject(draft: RequestDraft): NewProject | undefined {
  const { beneficiary, request } = draft;
  if (draft.kind !== 'activation' && draft.kind !== 'day_centre_entry') return undefined;
  const municipality = beneficiary.municipality ? findAmbitoMunicipality(beneficiary.municipality) : null;
  if (!draft.service || !municipality || !beneficiary.taxCode || !beneficiary.birthDate || !request.startDate)
    return undefined;
  return {
    beneficiary: {
      taxCode: beneficiary.taxCode,
      surname: beneficiary.surname ?? '',
      name: beneficiary.name ?? '',
      birthDate: beneficiary.birthDate,
      municipalityId: municipality.istatCode,
    },
    service: draft.service,
    coPayingMunicipalityId: request.coPayingMunicipality
      ? (findAmbitoMunicipality(request.coPayingMunicipality)?.istatCode ?? null)
      : null,
    providerName: request.provider,
    startDate: request.startDate,
    endDate: request.endDate,
    annualMinutes: request.annualHours === null ? null : Math.round(request.annualHours * 60),
    committedBudgetCents: request.annualBudgetCents ?? 0,
    operatorProfile: request.operatorProfile,
    upperSecondary: request.upperSecondary,
    dayUnitId: request.dayUnit ? (findDayUnit(request.dayUnit)?.id ?? null) : null,
  };
}
