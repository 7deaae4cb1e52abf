import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { botHarness, cardText, demoUsers } from '../support/bot-harness.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

// Seed l. 343-371: Crema's SAD forecast continues the demo's SAD and SADH projects; one cumulative
// contract per provider, whose steps staff mark from its card.
describe('the card of a cumulative contract, through the bot on the demo data', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  const received = new Date('2026-11-26T09:00:00Z');
  let bot: Awaited<ReturnType<typeof botHarness>>;

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    bot = await botHarness(db.database, () => new Date('2026-12-01T10:00:00Z'));
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => received });
    const mail = [
      'From: servizi.sociali@comune.crema.cr.it',
      'To: amministrazione@comunitasocialecremasca.it',
      'Subject: Previsione di spesa SAD-SADH anno 2027',
      'Message-ID: <previsione-2027@comune.crema.cr.it>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Si trasmette la previsione di spesa 2027. Utenti in continuità:',
      'BNCMRA50D43D142D, BNCMRA52L30D142V, RSSGNN46B11D142B',
    ].join('\r\n');
    expect(await intake.handle({ ...fetched(mail), internalDate: received })).toBe('staff');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const contractOf = (provider: string) =>
    db.database.prisma.cumulativeContract.findFirstOrThrow({
      where: { provider: { name: { contains: provider } } },
    });

  it('groups the SAD and SADH projects by provider', async () => {
    const rows = await db.database.prisma.cumulativeContract.findMany({ include: { provider: true } });
    const byProvider = Object.fromEntries(rows.map((row) => [row.provider.name, row.projectIds.length]));
    expect(Object.values(byProvider).sort()).toEqual([1, 2]);
    expect(rows.every((row) => row.service === 'SAD')).toBe(true);
  });

  it('refuses a social worker and a provider, and changes nothing', async () => {
    const row = await contractOf('Girasole');
    for (const user of [demoUsers.crema, demoUsers.girasole]) {
      const card = await bot.click(user, 'cumulativeContractStep', { id: row.id, version: 0, step: 'sent' });
      expect(cardText(card)).toContain("Solo il personale dell'Ufficio Amministrazione");
    }
    expect((await contractOf('Girasole')).state).toBe('due');
  });

  it('lets staff mark it sent, then returned, each once, the card showing the dates', async () => {
    const row = await contractOf('Girasole');
    const sent = await bot.click(demoUsers.staff, 'cumulativeContractStep', {
      id: row.id,
      version: 0,
      step: 'sent',
    });
    // Sent Tuesday 1 December 2026: back within 5 working days, 8 December (Immacolata) not counted.
    expect(cardText(sent)).toContain('Trasmesso il martedì 1 dicembre 2026');
    expect(cardText(sent)).toContain('entro il mercoledì 9 dicembre 2026');
    expect(cardText(sent)).toContain('Segna come restituito firmato');
    const stale = await bot.click(demoUsers.staff, 'cumulativeContractStep', {
      id: row.id,
      version: 0,
      step: 'sent',
    });
    expect(cardText(stale)).toContain('già trasmesso');
    const returned = await bot.click(demoUsers.staff, 'cumulativeContractStep', {
      id: row.id,
      version: 1,
      step: 'returned',
    });
    expect(cardText(returned)).toContain('Restituito firmato il martedì 1 dicembre 2026');
    expect(cardText(returned)).not.toContain('Segna come restituito firmato');
    const unknown = await bot.click(demoUsers.staff, 'cumulativeContractStep', {
      id: 'x',
      version: 0,
      step: 'sent',
    });
    expect(cardText(unknown)).toContain('Contratto cumulativo non trovato');
  });
});
