import type { OutboxChannel } from '../../services/outbox/outbox-message.js';
import type { ClaimedOutboxRow, OutboxFailure, OutboxStore } from '../../services/outbox/outbox-store.js';
import type { Database } from '../database/database.js';

export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly database: Database) {}

  async claim(
    channels: readonly OutboxChannel[],
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedOutboxRow[]> {
    // SKIP LOCKED lets several replicas claim different rows at the same time.
    const rows = await this.database.sql.rows<{
      id: string;
      idempotency_key: string;
      channel: 'email' | 'teams';
      recipient: string;
      payload: unknown;
      attempts: number;
    }>`
      UPDATE outbox_message SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
      WHERE id IN (
        SELECT id FROM outbox_message
        WHERE state = 'pending' AND channel::text = ANY(${[...channels]}::text[]) AND next_attempt_at <= now()
          AND (locked_until IS NULL OR locked_until < now())
        ORDER BY next_attempt_at, created_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, idempotency_key, channel, recipient, payload, attempts`;
    return rows.map((row) => ({
      id: row.id,
      idempotencyKey: row.idempotency_key,
      channel: row.channel,
      recipient: row.recipient,
      payload: row.payload,
      attempts: row.attempts,
    }));
  }

  /** What waits to be sent, for the metrics: pending and failed messages, the oldest pending's age. */
  async backlog(): Promise<{ pending: number; failed: number; oldestPendingSeconds: number }> {
    const [row] = await this.database.prisma.$queryRaw<{ pending: number; failed: number; oldest: number }[]>`
      SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
        count(*) FILTER (WHERE state = 'failed')::int AS failed,
        COALESCE(extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'pending')), 0)::float8 AS oldest
      FROM outbox_message WHERE state IN ('pending', 'failed')`;
    return { pending: row!.pending, failed: row!.failed, oldestPendingSeconds: row!.oldest };
  }

  // On the pool directly (`PoolSql`): every message pays these.
  async markSent(id: string): Promise<void> {
    await this.database.sql.run`
      UPDATE outbox_message SET state = 'sent', sent_at = now(), locked_until = NULL, attempts = attempts + 1
      WHERE id = ${id}::uuid`;
  }

  async markFailed(failures: readonly OutboxFailure[]): Promise<void> {
    if (failures.length === 0) return;
    const ids = failures.map(({ id }) => id);
    const errors = failures.map(({ error }) => error);
    const retryAts = failures.map(({ retryAt }) => retryAt?.toISOString() ?? null);
    await this.database.sql.run`
      UPDATE outbox_message AS message
      SET state = (CASE WHEN failure.retry_at IS NULL THEN 'failed' ELSE 'pending' END)::outbox_state,
          last_error = failure.error, attempts = message.attempts + 1,
          next_attempt_at = COALESCE(failure.retry_at::timestamptz, message.next_attempt_at),
          locked_until = NULL
      FROM unnest(${ids}::uuid[], ${errors}::text[], ${retryAts}::text[]) AS failure(id, error, retry_at)
      WHERE message.id = failure.id`;
  }

  async countPending(channels: readonly OutboxChannel[]): Promise<number> {
    return this.database.prisma.outboxMessage.count({
      where: { state: 'pending', channel: { in: [...channels] } },
    });
  }
}
