import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { ComponentHealth } from '../health.js';

/** The queue whose jobs run one turn of the calendar. */
export const calendarQueue = 'calendar-tick';

export interface SchedulerOptions {
  /** The same PostgreSQL (or embedded PGlite) Sportello uses; the jobs live in schema `pgboss`. */
  readonly connectionString: string;
  /** When the calendar turns, as cron in Europe/Rome time. */
  readonly tickCron: string;
}

/**
 * Durable jobs in PostgreSQL with pg-boss: a cron schedule (Europe/Rome) creates a calendar job
 * every few minutes, and one more at start-up so that whatever fell due while the server was down
 * is caught up at once. pg-boss lets only one instance create each cron job and hands each job to
 * one worker; the calendar itself is idempotent besides, so two replicas never send twice.
 */
export class Scheduler {
  private boss: PgBoss | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly options: SchedulerOptions,
    private readonly tick: { run(now: Date): Promise<string[]> },
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.options.connectionString,
      schema: 'pgboss',
      max: 3,
      application_name: 'sportello-scheduler',
    });
    boss.on('error', (error: Error) => {
      this.lastError = error.message;
      this.logger.warn({ err: error }, 'job queue error');
    });
    await boss.start();
    this.boss = boss;
    await this.ensureQueue(boss);
    await boss.schedule(
      calendarQueue,
      this.options.tickCron,
      { reason: 'calendario' },
      { tz: 'Europe/Rome' },
    );
    await boss.work<{ reason?: string }>(calendarQueue, { pollingIntervalSeconds: 2 }, async ([job]) => {
      const summary = await this.tick.run(this.clock());
      this.lastError = null;
      this.logger.info({ reason: job?.data?.reason, summary }, 'calendar turned');
      return { summary };
    });
    await this.runSoon('avvio');
  }

  /**
   * Creates the calendar's queue once. Replicas starting together race to create it, and
   * PostgreSQL may pick one of them as a deadlock victim: that one waits and looks again.
   */
  private async ensureQueue(boss: PgBoss): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (await boss.getQueue(calendarQueue)) return;
      try {
        // One calendar job at a time; a second one queued meanwhile waits its turn.
        await boss.createQueue(calendarQueue, {
          name: calendarQueue,
          policy: 'stately',
          retryLimit: 3,
          retryDelay: 30,
        });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        this.logger.info({ attempt, err: error }, 'queue creation raced with another replica; retrying');
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
      }
    }
  }

  /** Queues a turn of the calendar now (at start-up, after an hours import). */
  async runSoon(reason: string): Promise<void> {
    await this.boss?.send(calendarQueue, { reason });
  }

  /**
   * Asks the job queue itself: an error pg-boss reported while the database was away must not
   * keep /health red once the queue answers again (the next calendar turn may be minutes away).
   */
  async health(): Promise<ComponentHealth> {
    const boss = this.boss;
    if (!boss) return { ok: false, detail: 'non avviato' };
    try {
      await boss.getQueue(calendarQueue);
      this.lastError = null;
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: this.lastError ?? (error as Error).message };
    }
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/**
 * Asks a running scheduler, from another process (an hours import), to turn the calendar now.
 * False when no scheduler has ever run on this database: the next start catches up anyway.
 */
export async function requestCalendarRun(connectionString: string, reason: string): Promise<boolean> {
  const boss = new PgBoss({
    connectionString,
    schema: 'pgboss',
    max: 1,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on('error', () => undefined);
  try {
    await boss.start();
    return (await boss.send(calendarQueue, { reason })) !== null;
  } catch {
    return false;
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => undefined);
  }
}
