import type { Logger } from 'pino';
import { isAppError } from '../../domain/app-error.js';
import { throttledFor, type ChannelSender } from './channel-sender.js';
import { readOutboxRow, type OutboxChannel, type OutboxMessage } from './outbox-message.js';
import type { ClaimedOutboxRow, OutboxFailure, OutboxStore } from './outbox-store.js';

export interface OutboxDispatcherOptions {
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  /** Wait before trying again a message nobody can receive yet (AppError `recipient_unreachable`). */
  readonly unreachableRetryMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/**
 * Sends what the outbox holds, channel by channel, at least once and with retries and backoff.
 * A message is marked sent right after its channel accepts it; a crash in between leaves it
 * claimed until the lease expires, and its fixed Message-ID makes a resend recognisable.
 */
export class OutboxDispatcher {
  private email: ChannelSender<'email'> | null = null;
  private teams: ChannelSender<'teams'> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  /** Per channel, when it may be used again after asking us to slow down. */
  private readonly pausedUntil = new Map<string, number>();
  private stopped = true;
  /** Messages of the current claim whose recipient cannot be reached yet: said once per claim. */
  private unreachable = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly options: OutboxDispatcherOptions,
    private readonly logger: Logger,
  ) {}

  /** The e-mail channel; until it is registered, e-mails wait in the outbox. */
  registerEmail(sender: ChannelSender<'email'>): void {
    this.email = sender;
  }

  /** The Teams channel; until it is registered, Teams messages wait in the outbox. */
  registerTeams(sender: ChannelSender<'teams'>): void {
    this.teams = sender;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends everything due now and returns when the outbox has nothing more to send. */
  async flush(): Promise<void> {
    const stopped = this.stopped;
    this.stopped = false;
    try {
      await this.drain(true);
    } finally {
      this.stopped = stopped;
    }
  }

  /** True while a round of sending is under way (background work may wait for it). */
  isSending(): boolean {
    return this.running !== null;
  }

  /** Sends now rather than at the next poll (called when something was just queued). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain(false).finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.wakeRequested) {
        this.wakeRequested = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
        this.timer.unref();
      }
    });
  }

  /**
   * Sends what is due. In the background a claim that came back short means the outbox is empty
   * now: the next wake comes when something is queued, so no second claim only to find nothing.
   */
  private async drain(untilEmpty: boolean): Promise<void> {
    const channels: OutboxChannel[] = [
      ...(this.email ? (['email'] as const) : []),
      ...(this.teams ? (['teams'] as const) : []),
    ];
    if (channels.length === 0) return;
    for (;;) {
      let items: ClaimedOutboxRow[];
      try {
        items = await this.store.claim(channels, this.options.batchSize, this.options.leaseMs);
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox not reachable');
        return;
      }
      if (items.length === 0) return;
      const failures: OutboxFailure[] = [];
      try {
        await this.deliverAll(items, failures);
      } finally {
        await this.record(failures);
        this.sayUnreachable();
      }
      if (this.stopped || (!untilEmpty && items.length < this.options.batchSize)) return;
    }
  }

  /**
   * Sends a claimed batch in order. Sent is recorded at once, failures together at the end (a
   * failure recorded late only leaves its row claimed until the lease ends, as a crash would).
   */
  private async deliverAll(items: readonly ClaimedOutboxRow[], failures: OutboxFailure[]): Promise<void> {
    const leaseEnds = Date.now() + this.options.leaseMs;
    // One at a time: after a crash at most one message can have been accepted by its channel
    // without being marked sent, and only that one is resent (with the same Message-ID).
    for (const item of items) {
      const pause = (this.pausedUntil.get(item.channel) ?? 0) - Date.now();
      // Never send on an expired lease: another instance may have claimed the message by then.
      if (Date.now() + Math.max(pause, 0) > leaseEnds - this.options.leaseMs / 4) return;
      if (pause > 0) await sleep(pause);
      if (this.stopped) return;
      const failure = await this.deliver(item);
      if (failure) failures.push(failure);
    }
  }

  /** Sends one message and marks it sent; what went wrong otherwise, with when to try again. */
  private async deliver(item: ClaimedOutboxRow): Promise<OutboxFailure | null> {
    let message: OutboxMessage;
    try {
      message = readOutboxRow(item);
    } catch (error) {
      this.logger.error({ outboxId: item.id, err: error }, 'outbox message unreadable');
      return { id: item.id, error: 'messaggio non leggibile', retryAt: null };
    }
    try {
      await this.send(message);
      await this.store.markSent(item.id);
      return null;
    } catch (error) {
      const attempt = item.attempts + 1;
      const throttledMs = throttledFor(error);
      const permanent =
        isAppError(error, 'delivery_refused') ||
        (throttledMs === null && attempt >= this.options.maxAttempts);
      let delay = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
      if (isAppError(error, 'recipient_unreachable'))
        delay = Math.max(delay, this.options.unreachableRetryMs);
      if (throttledMs !== null) {
        delay = throttledMs;
        this.pausedUntil.set(item.channel, Date.now() + throttledMs);
      }
      const reason = error instanceof Error ? error.message : String(error);
      // Every card for staff waits so until staff first open the bot: one line per claim, not per card.
      if (isAppError(error, 'recipient_unreachable') && !permanent) this.unreachable += 1;
      // The reason may name the recipient: it goes to the outbox row, the log gets its code only.
      else
        this.logger.warn(
          {
            outboxId: item.id,
            channel: item.channel,
            attempt,
            permanent,
            code: isAppError(error) ? error.code : undefined,
          },
          'outbox delivery failed',
        );
      return {
        id: item.id,
        error: reason.slice(0, 500),
        retryAt: permanent ? null : new Date(Date.now() + delay),
      };
    }
  }

  private send(message: OutboxMessage): Promise<void> {
    return message.channel === 'email' ? this.email!.send(message) : this.teams!.send(message);
  }

  private sayUnreachable(): void {
    if (this.unreachable === 0) return;
    const waiting = this.unreachable;
    this.unreachable = 0;
    const retryMinutes = Math.round(this.options.unreachableRetryMs / 60_000);
    this.logger.warn({ waiting, retryMinutes }, 'outbox messages wait for recipients not reachable yet');
  }

  private async record(failures: readonly OutboxFailure[]): Promise<void> {
    await this.store
      .markFailed(failures)
      .catch((markError: unknown) =>
        this.logger.error({ err: markError }, 'could not record outbox failure'),
      );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
