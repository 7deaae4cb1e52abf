import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Logger } from 'pino';
import type { Disposition } from '../../services/intake/intake-commits.js';
import type { FetchedMessage } from '../../services/intake/mail-intake.js';
import type { AccessTokenProvider } from '../oauth/access-token-provider.js';

/** The intake the watcher feeds, a batch at a time in arrival order. */
export interface MessageHandler {
  handleBatch(messages: readonly FetchedMessage[]): Promise<Disposition[]>;
}

// A batch is fetched with one command and moved with one per folder; bounded to keep memory flat.
// 100 rather than 25: a backlog then pays a quarter of the pauses between batches (the last commit
// and the moves, then the next registration), 103.1 → 111.4 msg/s over six alternated runs of
// bench:mail (docs/performance.md, stop 33); the byte bound keeps memory where it was.
const batchMessages = 100;
const batchBytes = 25 * 1024 * 1024;

export interface ImapWatcherOptions {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  readonly password: string | null;
  readonly oauth: AccessTokenProvider | null;
  readonly mailbox: string;
  readonly folders: Readonly<Record<Disposition, string>>;
  /** Use IDLE when the server offers it; otherwise (or when false) poll. */
  readonly useIdle: boolean;
  readonly pollIntervalMs: number;
  /** Inactivity before IDLE starts; low, so that new mail is seen at once. */
  readonly autoIdleDelayMs: number;
  readonly reconnectMinDelayMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly maxMessageBytes: number;
}

/**
 * Watches the office mailbox with imapflow: at every (re)connection it processes whatever is still
 * in the inbox, then waits for new mail with IDLE (or polls) and moves each message to its folder
 * only after the intake has committed it. imapflow never reconnects by itself: a new client is
 * built after every close, with exponential backoff.
 */
export class ImapWatcher {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private connected = false;
  private lastError: string | null = null;
  private scanRequested = false;
  private wakeUp: (() => void) | null = null;
  private readonly scanListeners: (() => void)[] = [];

  constructor(
    private readonly options: ImapWatcherOptions,
    private readonly handler: MessageHandler,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    this.client?.close();
    await this.loop;
  }

  health(): { ok: boolean; detail?: string } {
    return this.connected ? { ok: true } : { ok: false, detail: this.lastError ?? 'non connesso' };
  }

  /** Called after each complete pass over the inbox (tests and benchmarks wait on it). */
  onScanned(listener: () => void): void {
    this.scanListeners.push(listener);
  }

  private async run(): Promise<void> {
    let delay = this.options.reconnectMinDelayMs;
    while (!this.stopped) {
      try {
        await this.session(() => (delay = this.options.reconnectMinDelayMs));
      } catch (error) {
        this.lastError = (error as Error).message;
        this.logger.warn({ err: error }, 'mailbox session ended');
      }
      this.connected = false;
      if (this.stopped) break;
      await this.sleep(delay * (0.75 + Math.random() / 2));
      delay = Math.min(this.options.reconnectMaxDelayMs, delay * 2);
    }
  }

  private async session(onConnected: () => void): Promise<void> {
    const client = new ImapFlow({
      host: this.options.host,
      port: this.options.port,
      secure: this.options.secure,
      auth: this.options.oauth
        ? { user: this.options.user, accessToken: await this.options.oauth.token() }
        : { user: this.options.user, pass: this.options.password ?? '' },
      logger: false,
      autoIdleDelay: this.options.autoIdleDelayMs,
      disableAutoIdle: !this.options.useIdle,
      maxIdleTime: 5 * 60_000,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      socketTimeout: 10 * 60_000,
    });
    this.client = client;
    client.on('error', (error: Error) => {
      this.lastError = error.message;
      this.logger.warn({ err: error }, 'mailbox connection error');
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('exists', (event: { count: number; prevCount: number }) => {
      this.logger.debug({ count: event.count, previous: event.prevCount }, 'mailbox changed');
      if (event.count > event.prevCount) this.requestScan();
    });
    try {
      await client.connect();
      for (const folder of new Set(Object.values(this.options.folders))) {
        await client.mailboxCreate(folder).catch(() => undefined); // already there
      }
      await client.mailboxOpen(this.options.mailbox);
      this.connected = true;
      this.lastError = null;
      onConnected();
      this.logger.info({ mailbox: this.options.mailbox, idle: this.usesIdle(client) }, 'watching mailbox');
      this.scanRequested = true;
      while (!this.stopped && client.usable) {
        if (this.scanRequested) {
          this.scanRequested = false;
          // imapflow does not IDLE while a lock is held: hold it only for the scan.
          const lock = await client.getMailboxLock(this.options.mailbox);
          try {
            await this.scan(client);
          } finally {
            lock.release();
          }
          for (const listener of this.scanListeners) listener();
          continue;
        }
        await Promise.race([closed, this.signal(this.usesIdle(client) ? null : this.options.pollIntervalMs)]);
        if (!this.usesIdle(client)) this.scanRequested = true;
      }
    } finally {
      this.connected = false;
      this.client = null;
      client.close();
    }
  }

  private usesIdle(client: ImapFlow): boolean {
    return this.options.useIdle && client.capabilities.has('IDLE');
  }

  /** Everything still in the inbox is unprocessed: handle it in order, then move it. */
  private async scan(client: ImapFlow): Promise<void> {
    const mailbox = client.mailbox;
    const uidValidity = mailbox && typeof mailbox === 'object' ? BigInt(mailbox.uidValidity) : null;
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    this.logger.debug({ messages: uids.length }, 'scanning mailbox');
    if (uids.length === 0) return;
    const metadata = (
      await client.fetchAll(uids.join(','), { uid: true, size: true, internalDate: true }, { uid: true })
    ).sort((a, b) => a.uid - b.uid);
    const queue = [...batches(metadata)];
    let nextSources = queue.length > 0 ? this.sources(client, queue[0]!) : null;
    for (const [index, batch] of queue.entries()) {
      if (this.stopped || !client.usable) return;
      const sources = await nextSources!;
      // The next batch downloads while this one is handled (at most two batches in memory).
      nextSources = index + 1 < queue.length ? this.sources(client, queue[index + 1]!) : null;
      nextSources?.catch(() => undefined); // awaited next turn; a broken session ends this scan anyway
      const fetched = batch.filter((message) => sources.has(message.uid)); // others were expunged meanwhile
      const dispositions = await this.handler.handleBatch(
        fetched.map((message) => ({
          mailbox: this.options.mailbox,
          uidValidity,
          uid: BigInt(message.uid),
          internalDate:
            message.internalDate instanceof Date
              ? message.internalDate
              : new Date(String(message.internalDate ?? Date.now())),
          size: message.size ?? sources.get(message.uid)!.length,
          raw: sources.get(message.uid)!,
        })),
      );
      const byFolder = new Map<string, number[]>();
      fetched.forEach((message, index) => {
        const folder = this.options.folders[dispositions[index]!];
        byFolder.set(folder, [...(byFolder.get(folder) ?? []), message.uid]);
      });
      for (const [folder, moved] of byFolder)
        await client.messageMove(moved.join(','), folder, { uid: true });
    }
  }

  /** Raw sources of a batch (BODY.PEEK: never touches \\Seen); only headers of oversize messages. */
  private async sources(
    client: ImapFlow,
    batch: readonly FetchMessageObject[],
  ): Promise<Map<number, Uint8Array>> {
    const sources = new Map<number, Uint8Array>();
    const oversize = batch
      .filter((message) => (message.size ?? 0) > this.options.maxMessageBytes)
      .map((message) => message.uid);
    const normal = batch.filter((message) => !oversize.includes(message.uid)).map((message) => message.uid);
    if (normal.length > 0) {
      for (const message of await client.fetchAll(
        normal.join(','),
        { uid: true, source: true },
        { uid: true },
      )) {
        if (message.source) sources.set(message.uid, message.source);
      }
    }
    if (oversize.length > 0) {
      for (const message of await client.fetchAll(
        oversize.join(','),
        { uid: true, headers: true },
        { uid: true },
      )) {
        if (message.headers) sources.set(message.uid, message.headers);
      }
    }
    return sources;
  }

  private requestScan(): void {
    this.scanRequested = true;
    this.wakeUp?.();
  }

  private signal(timeoutMs: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === null ? null : setTimeout(resolve, timeoutMs);
      this.wakeUp = () => {
        if (timer) clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      if (this.scanRequested || this.stopped) this.wakeUp();
    });
  }

  private sleep(ms: number): Promise<void> {
    return this.signal(ms);
  }
}

function* batches(messages: readonly FetchMessageObject[]): Generator<FetchMessageObject[]> {
  let batch: FetchMessageObject[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.size ?? 0;
    if (batch.length > 0 && (batch.length >= batchMessages || bytes + size > batchBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(message);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
