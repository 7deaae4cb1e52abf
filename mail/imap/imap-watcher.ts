import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Logger } from 'pino';
import type { ComponentHealth } from '../../app/health.js';
import type { Disposition, FetchedMessage } from '../intake/mail-intake.js';
import type { AccessTokenProvider } from '../oauth/access-token-provider.js';

/** The intake the watcher feeds, one message at a time. */
export interface MessageHandler {
  handle(message: FetchedMessage): Promise<Disposition>;
}

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

  health(): ComponentHealth {
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
    const metadata = await client.fetchAll(
      uids.join(','),
      { uid: true, size: true, internalDate: true },
      { uid: true },
    );
    for (const message of metadata.sort((a, b) => a.uid - b.uid)) {
      if (this.stopped || !client.usable) return;
      const raw = await this.source(client, message);
      if (!raw) continue; // expunged meanwhile, e.g. by a staff member
      const disposition = await this.handler.handle({
        mailbox: this.options.mailbox,
        uidValidity,
        uid: BigInt(message.uid),
        internalDate:
          message.internalDate instanceof Date
            ? message.internalDate
            : new Date(String(message.internalDate ?? Date.now())),
        size: message.size ?? raw.length,
        raw,
      });
      await client.messageMove(String(message.uid), this.options.folders[disposition], { uid: true });
    }
  }

  private async source(client: ImapFlow, message: FetchMessageObject): Promise<Uint8Array | null> {
    const oversize = (message.size ?? 0) > this.options.maxMessageBytes;
    // BODY.PEEK: never touches \Seen, which the office staff use on the same mailbox.
    const fetched = await client.fetchOne(
      String(message.uid),
      oversize ? { uid: true, headers: true } : { uid: true, source: true },
      { uid: true },
    );
    if (!fetched) return null;
    return oversize ? (fetched.headers ?? null) : (fetched.source ?? null);
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
