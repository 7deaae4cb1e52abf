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
  /** Records a failure; `retryAt` null means give up (state failed). */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
  /** Messages still waiting, for health and the benchmark. */
  countPending(channels: readonly OutboxChannel[]): Promise<number>;
}
