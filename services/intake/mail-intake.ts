import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { isAppError } from '../../domain/app-error.js';
import type { CounterpartDirectory } from './counterpart-directory.js';
import {
  IntakeCommits,
  type CommitOptions,
  type Disposition,
  type IntakeListener,
  type PlannedMessage,
} from './intake-commits.js';
import { quarantined, type IntakePlan } from './intake-decision.js';
import { MessagePlanner } from './message-planner.js';
import type { InboundMessageInput, IntakeDecision, IntakeStore, RegisteredMessage } from './intake-store.js';
import { unreadableMessage, type MessageReader, type ReadMessage } from './message-reader.js';
import { startWithLimit } from './start-with-limit.js';
import type { SenderCheck } from './sender-authentication.js';

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

/** Messages committed in one transaction at most: a backlog's commits wait on the database. */
const maxCommitGroup = 25;
/** How long a group waits for the next message's read before it is committed without it. */
const groupWaitMs = 25;

export interface MailIntakeOptions extends CommitOptions {
  /** Only the message size is checked here, before reading; the reader applies the rest. */
  readonly limits: { readonly maxMessageBytes: number };
  /** Whose verdict on the sender is believed (the office's receiving server, Exchange Online, nobody). */
  readonly senderCheck: SenderCheck;
  /** Processing attempts after which a message that keeps failing is quarantined. */
  readonly maxAttempts: number;
  /** Messages read and triaged at the same time within a batch. */
  readonly parallelParsing: number;
}

/**
 * The intake of one message, exactly once in effect: register it (idempotent on Message-ID or
 * content hash), triage it, and commit the request, the reply and the staff notices in one
 * transaction. The caller moves the message out of the inbox only after this returns.
 */
export class MailIntake {
  private readonly listeners: IntakeListener[] = [];
  private readonly commits: IntakeCommits;
  private readonly planner: MessagePlanner;

  constructor(
    private readonly store: IntakeStore,
    private readonly counterparts: CounterpartDirectory,
    private readonly reader: MessageReader,
    private readonly options: MailIntakeOptions,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.commits = new IntakeCommits(store, options, this.listeners, logger, clock);
    this.planner = new MessagePlanner(store, counterparts, options, clock);
  }

  onOutcome(listener: IntakeListener): void {
    this.listeners.push(listener);
  }

  async handle(message: FetchedMessage): Promise<Disposition> {
    const [disposition] = await this.handleBatch([message]);
    return disposition!;
  }

  /**
   * Handles messages in arrival order: registers them, reads and triages the new ones a few at a
   * time (parsing is the slow part), and commits them in order, so that protocol numbers follow
   * arrival.
   */
  async handleBatch(messages: readonly FetchedMessage[]): Promise<Disposition[]> {
    const registered = await this.register(messages);
    const dispositions: Disposition[] = [];
    const replies = this.commits.replyCounts();
    // A message started before and still registered was in flight when a process died, and may be
    // why: then the batch goes one message at a time, each committed before the next is started,
    // so that only the culprit keeps counting attempts until it is quarantined.
    if (registered.some(({ row }) => row.state === 'registered' && row.attempts > 0)) {
      for (const entry of registered) {
        const [attempts] =
          entry.row.state === 'registered' ? await this.store.startAttempts([entry.row.id]) : [0];
        const plan = entry.row.state === 'registered' ? await this.planFor(entry, attempts!) : null;
        dispositions.push(await this.commits.commit({ row: entry.row, plan }, replies));
      }
      return dispositions;
    }
    const pending = registered.filter(({ row }) => row.state === 'registered').map(({ row }) => row.id);
    const counts = await this.store.startAttempts(pending);
    const attemptsOf = new Map(pending.map((id, index) => [id, counts[index]!]));
    // A variation or cessation finds its project only once the messages before it are committed
    // (an activation in the same batch may open it): kept read, it is planned again then. So is an
    // activation for the beneficiary and service of one before it (the same form by PEC and e-mail).
    const replans = new Map<string, Replannable>();
    const seen = new Set<string>();
    const mustReplan = (id: string) => {
      const kept = replans.get(id);
      return !!kept && (kept.key === null || seen.has(kept.key));
    };
    const see = (id: string) => {
      const key = replans.get(id)?.key;
      if (key) seen.add(key);
    };
    const outcomes = startWithLimit(registered, this.options.parallelParsing, (entry) =>
      entry.row.state === 'registered'
        ? this.planFor(entry, attemptsOf.get(entry.row.id)!, replans)
        : Promise.resolve(null),
    );
    const settled = outcomes.map(() => false);
    outcomes.forEach((outcome, index) => {
      outcome.then(
        () => (settled[index] = true),
        () => undefined,
      );
    });
    // Committing waits on the database while parsing works the CPU: whatever has been read by the
    // time the previous commit ends is committed next, together, in order.
    for (let index = 0; index < registered.length;) {
      const id = registered[index]!.row.id;
      const kept = replans.get(id);
      const plan = await outcomes[index]!;
      const group: PlannedMessage[] = [
        {
          row: registered[index]!.row,
          plan: kept && index > 0 && mustReplan(id) ? await this.planRead(kept.entry, kept.read) : plan,
        },
      ];
      see(id);
      // Reads ending within a few milliseconds join too: a commit's round trips are paid once
      // for the group, which a backlog needs more than its first reply needs those milliseconds.
      const until = performance.now() + groupWaitMs;
      for (index += 1; index < registered.length && group.length < maxCommitGroup; index += 1) {
        const left = until - performance.now();
        if (!settled[index] && left > 0)
          await Promise.race([outcomes[index]!.catch(() => undefined), sleep(left)]);
        if (!settled[index] || mustReplan(registered[index]!.row.id)) break;
        group.push({ row: registered[index]!.row, plan: await outcomes[index]! });
        see(registered[index]!.row.id);
      }
      dispositions.push(...(await this.commits.commitGroup(group, replies)));
    }
    return dispositions;
  }

  private async register(messages: readonly FetchedMessage[]): Promise<Registered[]> {
    const inputs = messages.map(inboundInput);
    const rows = await this.store.registerAll(inputs);
    const registered: Registered[] = [];
    for (const [index, message] of messages.entries()) {
      const input = inputs[index]!;
      const row = rows[index]!;
      if (row.isNew || row.contentHash === input.contentHash || !input.messageId) {
        registered.push({ message, row, reusedMessageId: false });
        continue;
      }
      // Another message under a Message-ID already seen (some mail systems reuse them): kept as a
      // message of its own, and never answered automatically, since it might be a redelivery.
      const dedupeKey = `${input.messageId} sha256:${input.contentHash}`;
      const variant = await this.store.register({ ...input, dedupeKey });
      registered.push({ message, row: variant, reusedMessageId: true });
    }
    return registered;
  }

  private async planFor(
    entry: Registered,
    attempts: number,
    replans?: Map<string, Replannable>,
  ): Promise<IntakePlan> {
    const { message, row } = entry;
    const inboundId = row.id;
    const decided = (decision: IntakeDecision): IntakePlan => ({ kind: 'decided', decision });
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
    const draft = read.result.draft;
    if (replans && (draft?.kind === 'variation' || draft?.kind === 'cessation'))
      replans.set(row.id, { entry, read, key: null });
    else if (replans && draft?.beneficiary.taxCode && draft.service)
      replans.set(row.id, { entry, read, key: `${draft.beneficiary.taxCode}/${draft.service}` });
    return this.planRead(entry, read);
  }

  /** The plan of a message read, with the files it brought (the register records them whatever is decided). */
  private async planRead(entry: Registered, read: ReadMessage): Promise<IntakePlan> {
    const plan = await this.planner.plan(entry.row.id, entry.reusedMessageId, read);
    return { ...plan, documents: read.documents };
  }
}

/**
 * A message read once and planned again after the ones before it are committed: a variation or
 * cessation always (`key` null), an activation when one before it had the same `key` (beneficiary/service).
 */
interface Replannable {
  readonly entry: Registered;
  readonly read: ReadMessage;
  readonly key: string | null;
}

/** A message registered in the database, and whether its Message-ID was already taken. */
interface Registered {
  readonly message: FetchedMessage;
  readonly row: RegisteredMessage;
  readonly reusedMessageId: boolean;
}

function inboundInput(message: FetchedMessage): InboundMessageInput {
  // One pass over the message: its impronta, then (a copy of the state) the dedupe hash with its size.
  const hash = createHash('sha256').update(message.raw);
  const sha256 = hash.copy().digest('hex');
  const contentHash = hash.update(String(message.size)).digest('hex');
  const messageId = headerMessageId(message.raw);
  return {
    mailbox: message.mailbox,
    dedupeKey: messageId ?? `sha256:${contentHash}`,
    messageId,
    contentHash,
    uidValidity: message.uidValidity,
    uid: message.uid,
    receivedAt: message.internalDate,
    fromAddress: null,
    raw: message.raw,
    sha256,
  };
}

/** The Message-ID of the top-level header block, read without parsing the whole message. */
export function headerMessageId(raw: Uint8Array): string | null {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 64 * 1024))).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*(<[^<>\s]{1,400}>)/im.exec(block);
  return match ? match[1]! : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
