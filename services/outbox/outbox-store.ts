import type { OutboxChannel, StoredOutboxRow } from './outbox-message.js';

/** An outbox row claimed for sending, before its payload is read back. */
export interface ClaimedOutboxRow extends StoredOutboxRow {
  readonly id: string;
  readonly attempts: number;
}

/** What the outbox dispatcher needs from the database. */
export interface OutboxStore {
  /**
   * Claims up to `limit` due messages of these channels for `leaseMs`: nobody else sends them until
   * the lease expires (a crashed sender's messages are retried after it).
   */
  claim(channels: readonly OutboxChannel[], limit: number, leaseMs: number): Promise<ClaimedOutboxRow[]>;
  markSent(id: string): Promise<void>;
  /** Records failures, together: a batch of cards nobody can receive yet pays one round trip. */
  markFailed(failures: readonly OutboxFailure[]): Promise<void>;
  /** Messages still waiting, for health and the benchmark. */
  countPending(channels: readonly OutboxChannel[]): Promise<number>;
}

/** A delivery that did not succeed: tried again at `retryAt`, or given up when it is null. */
export interface OutboxFailure {
  readonly id: string;
  readonly error: string;
  readonly retryAt: Date | null;
}
