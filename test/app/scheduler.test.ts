import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { Scheduler } from '../../app/scheduler/scheduler.js';
import { Database } from '../../prisma/database/database.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { contractServices } from '../support/contract-services.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

// The real job queue (pg-boss) on each database: two replicas at once, a restart, a catch-up.
describe.each(databaseKinds)('the durable scheduler on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  const monday = new Date('2027-05-03T08:00:00Z'); // first working day of May 2027, 10:00 in Rome

  beforeAll(async () => {
    db = await migratedDatabase(create);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  async function replica(clock: () => Date) {
    const database = new Database(db.database.url, { poolSize: 4 });
    const services = await contractServices(database, clock);
    const scheduler = new Scheduler(
      { connectionString: db.database.url, tickCron: '0 3 * * *' },
      services.tick,
      clock,
      createLogger('silent'),
    );
    return {
      scheduler,
      services,
      async stop() {
        await scheduler.stop();
        await database.close();
      },
    };
  }

  const aprilReminders = () =>
    db.database.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'duty:provider_hours_first:2027-04:' } },
      select: { idempotencyKey: true },
    });

  it('runs the calendar at start-up on two replicas at once, and each reminder goes once', async () => {
    const replicas = await Promise.all([replica(() => monday), replica(() => monday)]);
    try {
      await Promise.all(replicas.map((one) => one.scheduler.start()));
      await expect
        .poll(
          () =>
            db.database.prisma.reminder.count({
              where: { idempotencyKey: 'duty:provider_hours_first:2027-04' },
            }),
          {
            timeout: 30_000,
          },
        )
        .toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // let the other replica's job run too
      const sent = await aprilReminders();
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent.map((row) => row.idempotencyKey)).size).toBe(sent.length);
      const schedules = await db.database.prisma.$queryRawUnsafe<{ cron: string; timezone: string }[]>(
        "SELECT cron, timezone FROM pgboss.schedule WHERE name = 'calendar-tick'",
      );
      expect(schedules).toEqual([{ cron: '0 3 * * *', timezone: 'Europe/Rome' }]);
      expect((await replicas[0]!.scheduler.health()).ok).toBe(true);
    } finally {
      await Promise.all(replicas.map((one) => one.stop()));
    }
  }, 90_000);

  it('after downtime, runs at start-up what fell due meanwhile, once, and repeats nothing', async () => {
    const before = (await aprilReminders()).length;
    // While no scheduler ran, a contract went past its due-back date.
    const { protocol } = await acceptedRequest(db.database, {
      receivedOn: '2027-04-26',
      draft: sadActivation({
        beneficiary: { surname: 'Ritardo', name: 'Contratto', taxCode: 'RTRCNT00A00Z000Z' },
      }),
    });
    const setup = await contractServices(db.database, () => new Date('2027-04-28T08:00:00Z'));
    const contractId = (await setup.drafts.contractForProtocol(protocol))!;
    await setup.decide(contractId, 'approved');
    const reminder = await db.database.prisma.reminder.findUniqueOrThrow({
      where: { idempotencyKey: `contract-due-back:${contractId}` },
    });
    expect(reminder.dueAt.getTime()).toBeLessThan(monday.getTime());

    const restarted = await replica(() => monday);
    try {
      await restarted.scheduler.start();
      await expect
        .poll(
          () =>
            db.database.prisma.outboxMessage.count({
              where: { idempotencyKey: `contract-overdue:${contractId}` },
            }),
          { timeout: 30_000 },
        )
        .toBe(1);
      await restarted.scheduler.runSoon('test');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(
        await db.database.prisma.outboxMessage.count({
          where: { idempotencyKey: { startsWith: `contract-overdue:${contractId}` } },
        }),
      ).toBe(1);
      expect((await aprilReminders()).length).toBe(before);
    } finally {
      await restarted.stop();
    }
  }, 90_000);
});
