import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { requestTimeline } from '../../services/history/request-timeline.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { botHarness, cardText, demoUsers } from '../support/bot-harness.js';
import { formMessage, variationFormLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

// A variation is applied without approval (the Comune decides); staff may cancel one applied by
// mistake from its card, audited, and the provider is told.
describe('the card of an applied variation, through the bot on a real database', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  const received = new Date('2026-11-25T09:00:00Z');
  let now = received;
  let bot: Awaited<ReturnType<typeof botHarness>>;
  let protocol: string;

  const maria = () =>
    db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'BNCMRA50D43D142D' }, service: 'SAD' },
    });

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    bot = await botHarness(db.database, () => now);
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => now });
    const lines = variationFormLines({ decorrenza: '15/12/2026', budget: '€ 6.000,00' });
    await intake.handle({ ...fetched(formMessage(lines, 'variation-card')), internalDate: now });
    const request = await db.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<variation-card@comune.crema.cr.it>' },
      select: { protocol: true, projectChange: true },
    });
    expect(request.projectChange).not.toBeNull();
    protocol = request.protocol;
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('answers the budget in force today, tells of a variation ahead, and says since when one applies', async () => {
    const [before] = await bot.ask(demoUsers.crema, 'Quanto budget resta per Bianchi Maria?');
    expect(before).toContain('Budget impegnato: 4.242,00\u00a0€');
    expect(before).toContain('Variazione già disposta: budget annuale di 6.000,00\u00a0€ dal 15/12/2026');
    now = new Date('2026-12-20T09:00:00Z');
    const [after] = await bot.ask(demoUsers.crema, 'Quanto budget resta per Bianchi Maria?');
    expect(after).toContain('Budget impegnato: 6.000,00\u00a0€ (variato dal 15/12/2026)');
    expect(after).not.toContain('Variazione già disposta');
    now = received;
  });

  it('refuses a social worker and a provider, and changes nothing', async () => {
    const before = await maria();
    for (const user of [demoUsers.crema, demoUsers.girasole]) {
      const card = await bot.click(user, 'cancelProjectChange', { protocol, reason: 'errore' });
      expect(cardText(card)).toContain("Solo il personale dell'Ufficio Amministrazione");
    }
    expect((await maria()).committedBudgetCents).toBe(before.committedBudgetCents);
  });

  it('asks staff for a reason, then restores the project, audits it and tells the provider', async () => {
    const withoutReason = await bot.click(demoUsers.staff, 'cancelProjectChange', { protocol, reason: ' ' });
    expect(cardText(withoutReason)).toContain("Indicare il motivo dell'annullamento");
    expect((await maria()).committedBudgetCents).toBe(600_000);

    const card = await bot.click(demoUsers.staff, 'cancelProjectChange', {
      protocol,
      reason: 'Modulo inviato per errore dal Comune',
    });
    expect(cardText(card)).toContain('Annullata da Ufficio Amministrazione');
    const change = await db.database.prisma.projectChange.findFirstOrThrow({
      where: { request: { protocol } },
    });
    expect((await maria()).committedBudgetCents).toBe(change.previousCommittedBudgetCents);
    expect(change.cancelledBy).toBe('Ufficio Amministrazione (demo)');
    const audit = await db.database.prisma.auditLog.findFirstOrThrow({
      where: { action: 'project_change_cancelled' },
    });
    expect(audit).toMatchObject({
      actor: 'Ufficio Amministrazione (demo)',
      reason: 'Modulo inviato per errore dal Comune',
    });
    const told = await db.database.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'project-change-cancelled' } },
      select: { channel: true },
    });
    expect(told.map((row) => row.channel).sort()).toEqual(['email', 'teams']);

    const again = await bot.click(demoUsers.staff, 'cancelProjectChange', { protocol, reason: 'di nuovo' });
    expect(cardText(again)).toContain('è già stata annullata');
  });

  it('shows the change and its cancellation in the history of the variation', async () => {
    const history = new PrismaRequestHistory(db.database);
    const variationStory = requestTimeline((await history.recordsOf(protocol))!).map((event) => event.what);
    expect(variationStory).toContain(`variazione applicata al progetto (pratica ${protocol})`);
    expect(variationStory).toContain(`variazione della pratica ${protocol} annullata`);
    expect(variationStory.some((what) => what.includes('comunicazione della variazione annullata'))).toBe(
      true,
    );
  });
});
