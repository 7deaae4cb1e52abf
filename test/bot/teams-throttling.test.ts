import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BotConnector } from '../support/bot-connector.js';
import { postActivity, teamsActivity } from '../support/bot-http.js';
import type { startInProcess } from '../support/in-process-sportello.js';
import { startOnDemoData } from '../support/in-process-sportello.js';
import type { ScratchDatabase } from '../support/test-databases.js';

// Proactive messages over real HTTP to a local connector that answers 429 like Teams does when a
// bot sends too fast: nothing is lost, nothing is sent twice, and the channel waits as told.
describe('proactive Teams messages under throttling', () => {
  const connector = new BotConnector();
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;

  beforeAll(async () => {
    await connector.start();
    // The calendar (off) is turned below, on the date the test chooses.
    ({ scratch, sportello } = await startOnDemoData({ OUTBOX_RETRY_BASE_MS: '50' }));
    for (const provider of ['demo-ente-girasole', 'demo-ente-igea']) {
      const greeted = connector.next((item) => item.conversationId === `a:${provider}`);
      await postActivity(
        sportello.url,
        teamsActivity(provider, connector, { type: 'message', text: 'aiuto' }),
      );
      await greeted;
    }
  }, 60_000);
  afterAll(async () => {
    await sportello?.stop();
    await connector.stop();
    await scratch?.drop();
  });

  it('waits as Teams asks after a 429 and then delivers every reminder exactly once', async () => {
    const providers = await sportello.database.prisma.provider.findMany({
      where: { teamsUsers: { some: { aadObjectId: { in: ['demo-ente-girasole', 'demo-ente-igea'] } } } },
      select: { id: true },
    });
    expect(providers).toHaveLength(2);
    // More refusals than the connector client retries by itself, so the outbox must handle it.
    connector.throttleNext = 8;
    const queuedAt = performance.now();
    // 2 November 2026, first working day: the calendar's reminder to validate October's hours.
    await sportello.calendar.tick.runDuties(new Date('2026-11-02T08:00:00Z'));
    sportello.outbox.wake();
    const isReminder = (item: { activity: { text?: string } }) =>
      /occorre validare in Gecas le ore di ottobre 2026/.test(item.activity.text ?? '');
    const lastArrived = await connector.count(isReminder, 2, 60_000);
    expect(connector.throttleNext).toBe(0);
    // The connector client retries a 429 by itself (honouring Retry-After) before giving up; once
    // the failure reaches the outbox, it leaves the whole channel alone for the time Teams asked.
    const sinceQueued = connector.requests.filter((request) => request.at >= queuedAt);
    const refusals = sinceQueued.filter((request) => request.status === 429);
    expect(refusals).toHaveLength(8);
    const lastRefusal = refusals.at(-1)!;
    const firstAfter = sinceQueued.find((request) => request.at > lastRefusal.at)!;
    expect(firstAfter.at - lastRefusal.at).toBeGreaterThan(950);
    expect(lastArrived - queuedAt).toBeGreaterThan(7_000);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const reminders = connector.received.filter(isReminder);
    expect(reminders.map((item) => item.conversationId).sort()).toEqual([
      'a:demo-ente-girasole',
      'a:demo-ente-igea',
    ]);
    const rows = await sportello.database.prisma.outboxMessage.findMany({
      where: {
        idempotencyKey: { startsWith: 'duty:provider_hours_first:2026-10:provider:', endsWith: ':teams' },
        recipient: { in: providers.map((provider) => `provider:${provider.id}`) },
      },
    });
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent']);
    expect(rows.some((row) => row.attempts > 0 && /429/.test(row.lastError ?? ''))).toBe(true);
  }, 90_000);

  it('keeps a message for staff nobody can receive yet, tries it again in half an hour, and holds up nothing else', async () => {
    const provider = await sportello.database.prisma.provider.findFirstOrThrow({
      where: { teamsUsers: { some: { aadObjectId: 'demo-ente-girasole' } } },
      select: { id: true },
    });
    // No staff member has talked to the bot in this database.
    await sportello.database.prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'probe:staff-unreachable',
        channel: 'teams',
        recipient: 'staff',
        payload: { type: 'text', text: 'Avviso per il personale' },
      },
    });
    await sportello.database.prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'probe:provider-after',
        channel: 'teams',
        recipient: `provider:${provider.id}`,
        payload: { type: 'text', text: 'Messaggio di prova per l’ente' },
      },
    });
    const triedAt = Date.now();
    sportello.outbox.wake();
    await connector.count((item) => item.activity.text === 'Messaggio di prova per l’ente', 1, 10_000);
    // Failures are recorded together once the claimed batch has been through.
    const staffRow = await vi.waitFor(async () => {
      const row = await sportello.database.prisma.outboxMessage.findUniqueOrThrow({
        where: { idempotencyKey: 'probe:staff-unreachable' },
      });
      if (row.attempts === 0) throw new Error('failure not recorded yet');
      return row;
    });
    expect(staffRow.state).toBe('pending');
    expect(staffRow.attempts).toBe(1);
    expect(staffRow.lastError).toMatch(/nessuna conversazione Teams per staff/);
    expect(staffRow.nextAttemptAt.getTime() - triedAt).toBeGreaterThan(29 * 60_000);
  }, 30_000);
});
