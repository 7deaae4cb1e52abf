import type { Logger } from 'pino';
import {
  PermanentSendError,
  RecipientUnreachableError,
  RetryLaterError,
  type ChannelSender,
  type OutboxItem,
} from '../../domain/outbox-delivery.js';
import type { OutboxStore } from './outbox-store.js';

export interface OutboxDispatcherOptions {
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  /** Wait before trying again a message nobody can receive yet (see RecipientUnreachableError). */
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
  private readonly senders = new Map<string, ChannelSender>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  /** Per channel, when it may be used again after asking us to slow down. */
  private readonly pausedUntil = new Map<string, number>();
  private stopped = true;

  constructor(
    private readonly store: OutboxStore,
    private readonly options: OutboxDispatcherOptions,
    private readonly logger: Logger,
  ) {}

  register(channel: 'email' | 'teams', sender: ChannelSender): void {
    this.senders.set(channel, sender);
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
    const channels = [...this.senders.keys()];
    if (channels.length === 0) return;
    for (;;) {
      let items: OutboxItem[];
      try {
        items = await this.store.claim(channels, this.options.batchSize, this.options.leaseMs);
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox not reachable');
        return;
      }
      if (items.length === 0) return;
      const leaseEnds = Date.now() + this.options.leaseMs;
      // One at a time: after a crash at most one message can have been accepted by its channel
      // without being marked sent, and only that one is resent (with the same Message-ID).
      for (const item of items) {
        const pause = (this.pausedUntil.get(item.channel) ?? 0) - Date.now();
        // Never send on an expired lease: another instance may have claimed the message by then.
        if (Date.now() + Math.max(pause, 0) > leaseEnds - this.options.leaseMs / 4) break;
        if (pause > 0) await sleep(pause);
        if (this.stopped) return;
        await this.deliver(item);
      }
      if (this.stopped || (!untilEmpty && items.length < this.options.batchSize)) return;
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const sender = this.senders.get(item.channel)!;
    try {
      await sender.send(item);
      await this.store.markSent(item.id);
    } catch (error) {
      const attempt = item.attempts + 1;
      const throttled = error instanceof RetryLaterError;
      const permanent =
        error instanceof PermanentSendError || (!throttled && attempt >= this.options.maxAttempts);
      let delay = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
      if (error instanceof RecipientUnreachableError)
        delay = Math.max(delay, this.options.unreachableRetryMs);
      if (throttled) {
        delay = error.retryAfterMs;
        this.pausedUntil.set(item.channel, Date.now() + error.retryAfterMs);
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { outboxId: item.id, channel: item.channel, attempt, permanent, error: message },
        'outbox delivery failed',
      );
      await this.store
        .markFailed(item.id, message.slice(0, 500), permanent ? null : new Date(Date.now() + delay))
        .catch((markError: unknown) =>
          this.logger.error({ err: markError }, 'could not record outbox failure'),
        );
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
