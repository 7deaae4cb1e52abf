import { AppError } from '../../domain/app-error.js';
import type { OutboxChannel, OutboxMessage } from './outbox-message.js';

/** A message of one channel, as that channel receives it for delivery. */
export type ChannelMessage<C extends OutboxChannel> = Extract<OutboxMessage, { channel: C }>;

/**
 * Delivers one outbox message on its channel; throws to have it retried later. AppError codes the
 * dispatcher understands: `delivery_refused` (no retry can fix it), `delivery_throttled` (with
 * `details.retryAfterMs`: retried, and the channel left alone that long) and `recipient_unreachable`
 * (nobody to deliver to yet: retried rarely).
 */
export interface ChannelSender<C extends OutboxChannel> {
  send(message: ChannelMessage<C>): Promise<void>;
}

/** The channel asked us to slow down (HTTP 429): throttling never makes a message fail for good. */
export function deliveryThrottled(channel: OutboxChannel, retryAfterMs: number): AppError {
  return new AppError('delivery_throttled', `${channel} rate limit (429), retry after ${retryAfterMs} ms`, {
    details: { retryAfterMs },
  });
}

/** The wait a throttling error asks for, or null for any other error. */
export function throttledFor(error: unknown): number | null {
  if (!(error instanceof AppError) || error.code !== 'delivery_throttled') return null;
  const wait = error.details.retryAfterMs;
  return typeof wait === 'number' && wait > 0 ? wait : null;
}
