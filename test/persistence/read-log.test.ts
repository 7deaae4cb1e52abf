import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { PrismaBotQueries } from '../../prisma/repositories/prisma-bot-queries.js';
import { PrismaConsoleStore } from '../../prisma/repositories/prisma-console-store.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { scopeOf } from '../../services/access/caller.js';
import { commandViewer, viewerOf } from '../../services/access/read-log.js';
import { answerBudget } from '../../services/budgets/budget-answer.js';
import { answerRequestStatus } from '../../services/budgets/request-status-answer.js';
import { RequestRegister } from '../../services/office/request-register.js';
import { WhoViewed } from '../../services/office/who-viewed.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { cremaSocialWorker, testStaff } from '../support/contract-services.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

const bianchi = 'BNCMRA50D43D142D';
const worker = cremaSocialWorker;

// Issue 26: every view of a beneficiary's data is recorded (who, when, what, whose), append-only,
// and staff can read it back.
describe.each(databaseKinds)('the read log on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let protocol: string;
  let log: PrismaReadLog;

  beforeAll(async () => {
    db = await officeDatabase(create);
    ({ protocol } = await acceptedRequest(db.database));
    log = new PrismaReadLog(db.database);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('records the console page, the bot answers and the commands, each with whose data', async () => {
    const register = new RequestRegister(
      new PrismaConsoleStore(db.database),
      new PrismaRequestHistory(db.database),
      log,
    );
    expect(await register.request(worker, protocol)).not.toBeNull();
    const queries = new PrismaBotQueries(db.database);
    await answerRequestStatus(queries, scopeOf(worker), protocol, viewerOf(log, worker));
    const budget = await answerBudget(
      queries,
      scopeOf(testStaff),
      { by: 'tax_code', taxCode: bianchi },
      calendarDate('2027-03-01'),
      viewerOf(log, testStaff),
    );
    expect(budget.kind).toBe('text');
    await commandViewer(log, 'amministratore').saw('command_history', [{ protocol }]);
    // A request outside the caller's scope is not shown, so not recorded either.
    const outsider = { ...worker, teamsUserId: 'worker-other', municipalityId: '019002' };
    expect(await register.request(outsider, protocol)).toBeNull();

    const answer = await new WhoViewed(log).of(testStaff, bianchi.toLowerCase());
    expect(answer).toMatchObject({ outcome: 'found', beneficiary: 'Bianchi Maria' });
    if (answer.outcome !== 'found') return;
    expect(
      answer.reads.map(({ actorName, role, action, protocol }) => ({ actorName, role, action, protocol })),
    ).toEqual([
      { actorName: 'amministratore', role: 'staff', action: 'command_history', protocol },
      { actorName: 'Ufficio (test)', role: 'staff', action: 'bot_budget', protocol: null },
      { actorName: 'Assistente sociale', role: 'social_worker', action: 'bot_request_status', protocol },
      { actorName: 'Assistente sociale', role: 'social_worker', action: 'console_request_page', protocol },
    ]);
  });

  it('shows the log to staff only, and says when nobody has that codice fiscale', async () => {
    const whoViewed = new WhoViewed(log);
    expect(await whoViewed.of(worker, bianchi)).toMatchObject({ outcome: 'refused', code: 'not_staff' });
    expect(await whoViewed.of(testStaff, 'RSSMRA80A01H501U')).toEqual({
      outcome: 'unknown',
      taxCode: 'RSSMRA80A01H501U',
    });
    expect(await whoViewed.of(testStaff, 'non valido')).toEqual({ outcome: 'invalid_tax_code' });
  });

  it('keeps every entry unchanged, and lets one go only after 24 months', async () => {
    const sql = db.database.prisma;
    await expect(sql.$executeRaw`UPDATE read_log SET actor_name = 'altro'`).rejects.toThrow(
      /registro degli accessi/,
    );
    await expect(sql.$executeRaw`DELETE FROM read_log`).rejects.toThrow(/registro degli accessi/);
    await sql.$executeRaw`
      INSERT INTO read_log (at, actor, actor_name, role, action)
      VALUES (now() - interval '25 months', 'x', 'x', 'staff', 'command_history')`;
    expect(await sql.$executeRaw`DELETE FROM read_log WHERE at < now() - interval '24 months'`).toBe(1);
  });
});
