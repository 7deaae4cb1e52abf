import type { OutboxItem } from '../../domain/outbox-delivery.js';

/** What the outbox dispatcher needs from the database. */
export interface OutboxStore {
  /**
   * Claims up to `limit` due messages of these channels for `leaseMs`: nobody else sends them until
   * the lease expires (a crashed sender's messages are retried after it).
   */
  claim(channels: readonly string[], limit: number, leaseMs: number): Promise<OutboxItem[]>;
  markSent(id: string): Promise<void>;
  /** Records a failure; `retryAt` null means give up (state failed). */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
  /** Messages still waiting, for health and the benchmark. */
  countPending(channels: readonly string[]): Promise<number>;
}
