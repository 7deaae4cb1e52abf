import { randomUUID } from 'node:crypto';
import {
  recipientKey,
  type OutboxChannel,
  type OutboxMessage,
} from '../../../services/outbox/outbox-message.js';
import type { ClaimedOutboxRow, OutboxFailure, OutboxStore } from '../../../services/outbox/outbox-store.js';

interface Row extends ClaimedOutboxRow {
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lockedUntil: number;
  lastError: string | null;
}

/** The outbox in memory: claims with leases, retries at their time, as the database does. */
export class InMemoryOutboxStore implements OutboxStore {
  readonly rows: Row[] = [];

  add(message: OutboxMessage): void;
  add(row: { idempotencyKey: string; channel: OutboxChannel; recipient: string; payload: unknown }): void;
  add(
    input:
      | OutboxMessage
      | { idempotencyKey: string; channel: OutboxChannel; recipient: unknown; payload: unknown },
  ) {
    const recipient =
      typeof input.recipient === 'string'
        ? input.recipient
        : recipientKey(input.recipient as OutboxMessage['recipient']);
    this.rows.push({
      id: randomUUID(),
      idempotencyKey: input.idempotencyKey,
      channel: input.channel,
      recipient,
      payload: input.payload,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      lockedUntil: 0,
      lastError: null,
    });
  }

  async claim(
    channels: readonly OutboxChannel[],
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedOutboxRow[]> {
    const now = Date.now();
    const due = this.rows
      .filter((row) => row.state === 'pending' && channels.includes(row.channel))
      .filter((row) => row.nextAttemptAt <= now && row.lockedUntil < now)
      .slice(0, limit);
    for (const row of due) row.lockedUntil = now + leaseMs;
    return due.map((row) => ({ ...row }));
  }

  async markSent(id: string): Promise<void> {
    const row = this.row(id);
    Object.assign(row, { state: 'sent', attempts: row.attempts + 1, lockedUntil: 0 });
  }

  async markFailed(failures: readonly OutboxFailure[]): Promise<void> {
    for (const { id, error, retryAt } of failures) {
      const row = this.row(id);
      Object.assign(row, {
        state: retryAt ? 'pending' : 'failed',
        attempts: row.attempts + 1,
        lastError: error,
        nextAttemptAt: retryAt?.getTime() ?? row.nextAttemptAt,
        lockedUntil: 0,
      });
    }
  }

  async countPending(channels: readonly OutboxChannel[]): Promise<number> {
    return this.rows.filter((row) => row.state === 'pending' && channels.includes(row.channel)).length;
  }

  private row(id: string): Row {
    return this.rows.find((row) => row.id === id)!;
  }
}
