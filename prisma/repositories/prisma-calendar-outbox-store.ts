import type { CalendarAndOutboxStore, WaitingMessage } from '../../services/office/calendar-and-outbox.js';
import { PrismaJobReport } from './prisma-job-report.js';
import type { Database } from '../database/database.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { sqlIn } from '../database/sql.js';

/** The reminder ledger and the outbox, as the console's page shows them. */
export class PrismaCalendarOutboxStore implements CalendarAndOutboxStore {
  constructor(private readonly database: Database) {}

  /** The ledger as `npm run jobs` reads it: reminders planned, and the calendar's runs (one per duty). */
  async calendar(limit: number) {
    const report = new PrismaJobReport(this.database);
    const [planned, ran] = await Promise.all([report.scheduledReminders(), report.recentRuns(limit)]);
    return { planned: planned.slice(0, limit), ran };
  }

  async waitingMessages(limit: number) {
    const prisma = this.database.prisma;
    const [failed, pending, rows] = await Promise.all([
      prisma.outboxMessage.count({ where: { state: 'failed' } }),
      prisma.outboxMessage.count({ where: { state: 'pending' } }),
      prisma.outboxMessage.findMany({
        where: { state: { in: ['failed', 'pending'] } },
        orderBy: [{ state: 'asc' }, { createdAt: 'asc' }],
        take: limit,
        select: {
          id: true,
          idempotencyKey: true,
          channel: true,
          recipient: true,
          state: true,
          attempts: true,
          lastError: true,
          nextAttemptAt: true,
          createdAt: true,
        },
      }),
    ]);
    return {
      failed,
      pending,
      rows: rows.map((row): WaitingMessage => ({
        id: row.id,
        kind: row.idempotencyKey.split(':')[0] ?? row.idempotencyKey,
        channel: row.channel,
        recipient: row.recipient,
        state: row.state === 'failed' ? 'failed' : 'pending',
        attempts: row.attempts,
        lastError: row.lastError,
        nextAttemptAt: row.nextAttemptAt,
        createdAt: row.createdAt,
      })),
    };
  }

  retry(input: { id: string; actor: string }): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(input.id)) return Promise.resolve(false);
    return this.database.prisma.$transaction(async (tx) => {
      const { count } = await tx.outboxMessage.updateMany({
        where: { id: input.id, state: 'failed' },
        data: { state: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null },
      });
      if (count === 0) return false;
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'outbox_message_retried',
            entityType: 'outbox_message',
            entityId: input.id,
            fromState: 'failed',
            toState: 'pending',
          },
        ],
        [],
      );
      return true;
    });
  }
}
