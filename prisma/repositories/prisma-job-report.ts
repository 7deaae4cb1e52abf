import type { CalendarEntry } from '../../services/office/calendar-and-outbox.js';
import type { Database } from '../database/database.js';

/** A cron schedule of the job queue. */
export interface ScheduleRow {
  readonly name: string;
  readonly cron: string;
  readonly timezone: string | null;
}

/** A job of the queue, waiting, running or done. */
export interface JobRow {
  readonly name: string;
  readonly state: string;
  readonly reason: string | null;
  readonly createdOn: Date;
  readonly completedOn: Date | null;
  readonly summary: readonly string[];
}

/** A row of the reminder ledger (as the console's calendar shows it too). */
export type LedgerRow = CalendarEntry;

/** What `npm run jobs` shows: the queue's schedules and jobs, and the reminder ledger. */
export class PrismaJobReport {
  constructor(private readonly database: Database) {}

  async schedules(): Promise<ScheduleRow[]> {
    return this.optional(() =>
      this.database.prisma.$queryRawUnsafe<ScheduleRow[]>(
        'SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name',
      ),
    );
  }

  async recentJobs(limit: number): Promise<JobRow[]> {
    const rows = await this.optional(() =>
      this.database.prisma.$queryRawUnsafe<
        {
          name: string;
          state: string;
          data: unknown;
          output: unknown;
          created_on: Date;
          completed_on: Date | null;
        }[]
      >(
        `SELECT name, state::text AS state, data, output, created_on, completed_on FROM pgboss.job
         UNION ALL
         SELECT name, state::text AS state, data, output, created_on, completed_on FROM pgboss.archive
         ORDER BY created_on DESC LIMIT ${Math.trunc(limit)}`,
      ),
    );
    return rows.map((row) => ({
      name: row.name,
      state: row.state,
      reason: ((row.data as { reason?: string } | null)?.reason ?? null) as string | null,
      createdOn: row.created_on,
      completedOn: row.completed_on,
      summary: ((row.output as { summary?: string[] } | null)?.summary ?? []) as string[],
    }));
  }

  async scheduledReminders(): Promise<LedgerRow[]> {
    return this.ledger({ state: 'scheduled' }, 'asc', 50);
  }

  /** The runs of the calendar (one row per duty occurrence, not per recipient), newest first. */
  async recentRuns(limit: number): Promise<LedgerRow[]> {
    const rows = await this.ledger({ state: { not: 'scheduled' } }, 'desc', 1000);
    return rows.filter((row) => row.isRun).slice(0, limit);
  }

  private async ledger(
    where: { state: 'scheduled' | { not: 'scheduled' } },
    order: 'asc' | 'desc',
    take: number,
  ): Promise<(LedgerRow & { isRun: boolean })[]> {
    const rows = await this.database.prisma.reminder.findMany({
      where,
      orderBy: order === 'asc' ? { dueAt: 'asc' } : { doneAt: 'desc' },
      take,
    });
    return rows.map((row) => ({
      isRun: typeof (row.payload as { deliveries?: unknown } | null)?.deliveries === 'number',
      key: row.idempotencyKey,
      kind: row.kind,
      state: row.state,
      dueAt: row.dueAt,
      doneAt: row.doneAt,
      outcome: row.outcome,
    }));
  }

  // Before the scheduler has ever started, the queue's schema does not exist yet.
  private async optional<T>(query: () => Promise<T[]>): Promise<T[]> {
    try {
      return await query();
    } catch {
      return [];
    }
  }
}
