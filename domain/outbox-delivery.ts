/**
 * A message leaving Sportello through the outbox, as a channel (e-mail, Teams) receives it for
 * delivery. Defined here so that the channels (mail/, bot/) and the dispatcher (app/) share it
 * without depending on each other.
 */
export interface OutboxItem {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly channel: 'email' | 'teams';
  readonly recipient: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly attempts: number;
}

/** Delivers one outbox message on its channel; throws to have it retried later. */
export interface ChannelSender {
  send(item: OutboxItem): Promise<void>;
}

/** A failure that no retry can fix (e.g. a recipient refused by the server). */
export class PermanentSendError extends Error {}

/**
 * The channel asked us to slow down (HTTP 429): this message is retried, and nothing more goes to
 * that channel before `retryAfterMs` has passed. Throttling never makes a message fail for good.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * Nobody to deliver to yet (e.g. no staff member has opened the bot in Teams): retried rarely, so
 * that a backlog of such messages neither busies the database nor is lost if someone arrives soon.
 */
export class RecipientUnreachableError extends Error {}
