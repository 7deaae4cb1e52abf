import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuestion } from '../../bot/questions/parse-question.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { requestTimeline } from '../../services/history/request-timeline.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { botHarness, demoUsers } from '../support/bot-harness.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

describe('the office protocol number of a request (L. 241/1990 art. 8, issue 14 point 5)', () => {
  it('reads "protocollo <pratica> <numero>" and nothing else as the recording of one', () => {
    expect(parseQuestion('protocollo 2027/123 4567/2027')).toEqual({
      intent: 'office_protocol',
      protocol: '2027/0000123',
      officeProtocol: '4567/2027',
    });
    expect(parseQuestion('Registra protocollo pratica 2027/0000123: CSC-2027-0004567')).toMatchObject({
      officeProtocol: 'CSC-2027-0004567',
    });
    expect(parseQuestion('protocollo 2027/0000123').intent).not.toBe('office_protocol');
    expect(parseQuestion('stato della pratica 2027/0000123').intent).toBe('request_status');
  });

  describe('through the bot on a real database', () => {
    let db: Awaited<ReturnType<typeof migratedDatabase>>;
    let bot: Awaited<ReturnType<typeof botHarness>>;
    let protocol: string;
    let contractId: string;

    beforeAll(async () => {
      db = await migratedDatabase(scratchPglite);
      await syncMunicipalities(db.database);
      await seedDemoData(db.database);
      bot = await botHarness(db.database, () => new Date('2027-02-11T09:00:00Z'));
      const accepted = await acceptedRequest(db.database);
      protocol = accepted.protocol;
      contractId = accepted.contractId!;
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('lets only staff record it, then shows it in the status, the card and the history', async () => {
      const [refused] = await bot.ask(demoUsers.crema, `protocollo ${protocol} 4567/2027`);
      expect(refused).toContain("lo registra il personale dell'Ufficio Amministrazione");
      const [invalid] = await bot.ask(demoUsers.staff, `protocollo ${protocol} <script>`);
      expect(invalid).toContain('non sembra un numero di protocollo');
      const [recorded] = await bot.ask(demoUsers.staff, `protocollo ${protocol} 4567/2027`);
      expect(recorded).toContain(`la pratica ${protocol} ha il protocollo n. 4567/2027`);

      const [status] = await bot.ask(demoUsers.staff, `stato della pratica ${protocol}`);
      expect(status).toContain("Protocollo dell'ufficio: n. 4567/2027");
      expect((await bot.contracts.cardData(contractId))!.protocol).toBe(`${protocol} (prot. 4567/2027)`);
      const story = requestTimeline((await new PrismaRequestHistory(db.database).recordsOf(protocol))!);
      const entry = story.find((event) => event.what === 'office_protocol_recorded');
      expect(entry).toMatchObject({ actor: 'Ufficio Amministrazione (demo)' });
      expect(entry?.detail).toContain('4567/2027');
    });
  });
});
