import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectLedger } from '../../domain/costs/project-ledger.js';
import { formatEuro } from '../../domain/money.js';
import { PrismaLedgerStore } from '../../prisma/repositories/prisma-ledger-store.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { botHarness, cardText, demoUsers } from '../support/bot-harness.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { sadActivation } from '../domain/draft-fixtures.js';

describe('the Teams bot, through botbuilder TestAdapter on a real database', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let now = new Date('2026-11-25T09:00:00Z');
  let bot: Awaited<ReturnType<typeof botHarness>>;
  let remainingMaria: string;
  let protocolMaria: string;
  let contractId: string;

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    bot = await botHarness(db.database, () => now);
    const maria = await db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'BNCMRA50D43D142D' } },
    });
    const input = await new PrismaLedgerStore(db.database).ledgerInput(maria.id);
    remainingMaria = formatEuro(projectLedger(input!.project, input!.months).remainingCents);
    const accepted = await acceptedRequest(db.database, {
      draft: sadActivation({
        beneficiary: {
          taxCode: 'RSSGNN46B11D142B',
          surname: 'Rossi',
          name: 'Giovanni',
          birthDate: calendarDate('1946-02-11'),
        },
      }),
    });
    protocolMaria = accepted.protocol;
    contractId = accepted.contractId!;
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  describe('questions of a social worker', () => {
    it('answers the remaining budget by name with committed, spent, remaining, share, 80% warning and projection', async () => {
      const [answer] = await bot.ask(demoUsers.crema, 'Quanto budget resta per Bianchi Maria?');
      expect(answer).toContain('Bianchi Maria, SAD');
      expect(answer).toContain('Budget impegnato: 4.242,00\u00a0€');
      expect(answer).toContain(`Residuo: ${remainingMaria}`);
      expect(answer).toMatch(/Quota utilizzata: \d+(,\d)?%/);
      expect(answer).toContain("Superata la soglia dell'80%");
      expect(answer).toMatch(/Proiezione a fine periodo: [\d.]+,\d{2}\u00a0€/);
      expect(answer).toContain('ore validate fino a ottobre 2026');
    });

    it('is not defeated by typos and word order', async () => {
      const [answer] = await bot.ask(demoUsers.crema, 'quanto budjet rimane a maira bianchi');
      expect(answer).toContain(`Residuo: ${remainingMaria}`);
    });

    it('offers a short choice when the name is ambiguous, and answers the choice', async () => {
      const [card] = await bot.cards(demoUsers.crema, 'budget Bianchi');
      const titles = (card!.actions as { title: string; data: { projectId: string } }[]).map(
        (action) => action.title,
      );
      expect(titles).toHaveLength(2);
      expect(titles.some((title) => title.startsWith('Bianchi Maria'))).toBe(true);
      expect(titles.some((title) => title.startsWith('Bianchi Mario'))).toBe(true);
      const maria = (card!.actions as { title: string; data: { projectId: string } }[]).find((action) =>
        action.title.startsWith('Bianchi Maria'),
      )!;
      const answer = await bot.click(demoUsers.crema, 'budgetChoice', maria.data);
      expect(cardText(answer)).toContain(`Residuo: ${remainingMaria}`);
    });

    it('answers by codice fiscale and by protocol number', async () => {
      const [byTaxCode] = await bot.ask(demoUsers.crema, 'residuo per BNCMRA50D43D142D');
      expect(byTaxCode).toContain(`Residuo: ${remainingMaria}`);
      const [byProtocol] = await bot.ask(
        demoUsers.crema,
        `quanto budget resta per la pratica ${protocolMaria}`,
      );
      expect(byProtocol).toContain('Rossi Giovanni');
    });

    it('sees projects its Comune pays half of (ADM co-paid by Crema)', async () => {
      const [answer] = await bot.ask(demoUsers.crema, 'budget Ferri Luca');
      expect(answer).toContain('Ferri Luca, ADM');
    });

    it('lists its Comune’s active projects only', async () => {
      const [answer] = await bot.ask(demoUsers.offanengo, 'i miei progetti');
      expect(answer).toContain('Progetti attivi: 2');
      expect(answer).toContain('Ferri Luca');
      expect(answer).toContain('Ferrari Elena');
      expect(answer).not.toContain('Bianchi');
    });

    it('tells the deadlines of the week for its role', async () => {
      const [answer] = await bot.ask(demoUsers.crema, 'scadenze della settimana');
      expect(answer).toContain('lunedì 30 novembre 2026: previsionale di spesa SAD');
      expect(answer).not.toContain('validazione in Gecas');
    });

    it('tells the status of a request', async () => {
      const [answer] = await bot.ask(demoUsers.crema, `stato della richiesta ${protocolMaria}`);
      expect(answer).toContain(`Pratica ${protocolMaria}`);
      expect(answer).toContain('comunicazione di avvio del procedimento inviata');
      expect(answer).toContain('Contratto: in approvazione');
    });

    it('explains what it can do', async () => {
      const [answer] = await bot.ask(demoUsers.crema, 'aiuto');
      expect(answer).toContain('quanto budget resta per Bianchi Maria');
    });
  });

  describe('scoping: never another Comune’s data', () => {
    it.each([
      ['by name', 'quanto budget resta per Bianchi Maria'],
      ['by codice fiscale', 'budget BNCMRA50D43D142D'],
    ])('refuses %s', async (_how, question) => {
      const [answer] = await bot.ask(demoUsers.offanengo, question);
      expect(answer).toMatch(/^Non ho trovato/);
      expect(answer).not.toContain('4.242,00');
    });

    it('refuses by protocol number, budget and status alike', async () => {
      const [budget] = await bot.ask(demoUsers.offanengo, `budget pratica ${protocolMaria}`);
      expect(budget).toMatch(/^Non ho trovato/);
      const [status] = await bot.ask(demoUsers.offanengo, `stato della richiesta ${protocolMaria}`);
      expect(status).toMatch(/^Non ho trovato la pratica/);
    });

    it('gives a provider its own projects only, and staff everything', async () => {
      const [provider] = await bot.ask(demoUsers.girasole, 'i miei progetti');
      expect(provider).toContain('Bianchi Maria');
      expect(provider).not.toContain('Rossi Giovanni'); // an Igea project
      const [staff] = await bot.ask(demoUsers.staff, 'i miei progetti');
      expect(staff).toContain('Progetti attivi: 8');
    });

    it('refuses an unknown user courteously, saying whom to contact', async () => {
      const [answer] = await bot.ask(demoUsers.stranger, 'quanto budget resta per Bianchi Maria');
      expect(answer).toContain('non risulta abilitato');
      expect(answer).toContain('amministrazione@comunitasocialecremasca.it');
    });

    it('reminds a provider of the hours to validate by day 8', async () => {
      now = new Date('2026-12-03T09:00:00Z');
      const [answer] = await bot.ask(demoUsers.girasole, 'scadenze');
      expect(answer).toContain('martedì 8 dicembre 2026: validazione in Gecas delle ore di novembre 2026');
      now = new Date('2026-11-25T09:00:00Z');
    });
  });

  describe('the contract approval card', () => {
    it('lets only staff decide, and audits the refusal', async () => {
      const refused = await bot.click(demoUsers.crema, 'approveContract', { contractId, version: 0 });
      expect(cardText(refused)).toContain('Solo il personale');
      // The refusal shows nothing of the contract: no state, no beneficiary.
      expect(cardText(refused)).not.toContain('In attesa di approvazione');
      expect(cardText(refused)).not.toContain('Rossi Giovanni');
      const audit = await db.database.prisma.auditLog.findMany({
        where: { entityId: contractId, action: 'contract_decision_refused' },
      });
      expect(audit).toHaveLength(1);
      expect((await db.database.prisma.contract.findUniqueOrThrow({ where: { id: contractId } })).state).toBe(
        'draft',
      );
    });

    it('approves once; a second click or a stale card changes nothing', async () => {
      const approved = await bot.click(demoUsers.staff, 'approveContract', { contractId, version: 0 });
      expect(cardText(approved)).toMatch(
        /Approvato da Ufficio Amministrazione \(demo\) il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}/,
      );
      // The click runs the next steps as in production: the contract goes to the provider, and the
      // card now offers only what follows (returned signed, or refused), never approve or reject again.
      expect(cardText(approved)).toContain("inviato all'ente");
      const verbs = JSON.stringify(approved.actions);
      expect(verbs).toContain('markContractReturned');
      expect(verbs).not.toMatch(/approveContract|rejectContract/);
      const again = await bot.click(demoUsers.staff, 'approveContract', { contractId, version: 0 });
      expect(cardText(again)).toContain('Approvato da');
      const rejectStale = await bot.click(demoUsers.staff, 'rejectContract', {
        contractId,
        version: 0,
        reason: 'ripensamento',
      });
      expect(cardText(rejectStale)).toContain('Approvato da');
      const changes = await db.database.prisma.contractStateChange.findMany({
        where: { contractId },
        orderBy: { at: 'asc' },
      });
      expect(changes.map((change) => change.toState)).toEqual(['draft', 'approved', 'sent']);
      expect(
        await db.database.prisma.auditLog.count({
          where: { entityId: contractId, action: 'contract_approved' },
        }),
      ).toBe(1);
    });

    it('refuses a rejection without reason, and records one with it', async () => {
      const other = await acceptedRequest(db.database);
      const withoutReason = await bot.click(demoUsers.staff, 'rejectContract', {
        contractId: other.contractId,
        version: 0,
        reason: ' ',
      });
      expect(cardText(withoutReason)).toContain('occorre indicarne il motivo');
      const rejected = await bot.click(demoUsers.staff, 'rejectContract', {
        contractId: other.contractId,
        version: 0,
        reason: 'Ente non disponibile',
      });
      expect(cardText(rejected)).toContain('Non approvato da Ufficio Amministrazione (demo)');
      expect(cardText(rejected)).toContain('Ente non disponibile');
    });

    it('shows beneficiary, service, provider, hours, budget, checks and deadlines', async () => {
      const other = await acceptedRequest(db.database);
      const card = await bot.click(demoUsers.staff, 'refreshContract', { contractId: other.contractId });
      const text = cardText(card);
      for (const fragment of [
        'Bianchi Maria',
        'SAD – Servizio di Assistenza Domiciliare Anziani',
        'Coop. Sociale Il Girasole',
        '200 ore',
        '4.300,00',
        '4.242,00',
        'Codice fiscale valido',
        "trasmissione del contratto di avvio all'ente",
        '17/02/2027',
      ]) {
        expect(text).toContain(fragment);
      }
      expect(card.version).toBe('1.5');
      expect((card.refresh as { action: { verb: string } }).action.verb).toBe('refreshContract');
    });
  });
});
