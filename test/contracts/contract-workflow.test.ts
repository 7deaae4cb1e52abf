import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../prisma/database/database.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { dayCentreEntry, sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { contractServices, drainEmail } from '../support/contract-services.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

let taxCodeSerial = 0;
/** An accepted SAD request with its draft contract, for a fictitious beneficiary of its own. */
async function acceptedSad(database: Parameters<typeof acceptedRequest>[0], receivedOn = '2027-02-10') {
  taxCodeSerial += 1;
  return acceptedRequest(database, {
    receivedOn,
    draft: sadActivation({
      beneficiary: {
        surname: 'Prova',
        name: `Contratto${taxCodeSerial}`,
        taxCode: `PRVCNT${String(taxCodeSerial).padStart(10, '0')}`,
      },
    }),
  });
}

describe.each(databaseKinds)('contracts from approval to return, on %s', (_kind, create) => {
  const capture = new SmtpCapture();
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let now = new Date('2027-02-11T09:30:00Z');
  let services: Awaited<ReturnType<typeof contractServices>>;

  beforeAll(async () => {
    await capture.start();
    db = await migratedDatabase(create);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    services = await contractServices(db.database, () => now);
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await capture.stop();
  });

  it('e-mails the approved contract to the provider with the filled Word document attached', async () => {
    now = new Date('2027-02-11T09:30:00Z');
    const { protocol } = await acceptedSad(db.database);
    const contractId = (await services.drafts.contractForProtocol(protocol))!;
    expect(await services.decide(contractId, 'approved')).toBe(true);
    expect(await services.decide(contractId, 'approved')).toBe(false); // a second click changes nothing
    await drainEmail(db.database, capture.port);

    const sent = await capture.waitFor(
      (mail) => mail.parsed.subject === `Contratto di avvio del servizio – pratica n. ${protocol}`,
    );
    expect(sent.envelopeTo).toEqual(['contratti@ilgirasole.example']);
    const docx = sent.parsed.attachments.find((attachment) => attachment.filename?.endsWith('.docx'))!;
    expect(docx.filename).toBe(`contratto-avvio-${protocol.replace('/', '-')}.docx`);
    const text = (await mammoth.extractRawText({ buffer: docx.content })).value;
    expect(text).toContain(`Protocollo n. ${protocol}`);
    expect(text).toContain('Coop. Sociale Il Girasole (demo)');
    expect(text).toContain('200 ore');

    const contract = await db.database.prisma.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(contract.state).toBe('sent');
    expect(contract.outboundMessageId).toBe(sent.parsed.messageId);
    // Sent on Thursday 11 February 2027: two working days to sign, so back by Monday 15.
    expect(contract.dueBackOn?.toISOString().slice(0, 10)).toBe('2027-02-15');
    const reminder = await db.database.prisma.reminder.findUniqueOrThrow({
      where: { idempotencyKey: `contract-due-back:${contractId}` },
    });
    expect(reminder.dueAt.toISOString()).toBe('2027-02-16T08:00:00.000Z'); // 09:00 in Rome
    const history = await db.database.prisma.contractStateChange.findMany({
      where: { contractId },
      orderBy: { id: 'asc' },
    });
    expect(history.map((change) => change.toState)).toEqual(['draft', 'approved', 'sent']);
    expect(
      await db.database.prisma.auditLog.count({
        where: {
          entityId: contractId,
          action: { in: ['contract_approved', 'contract_sent', 'contract_drafted'] },
        },
      }),
    ).toBe(3);
  });

  it("(issue 24, point 6) gives a day-centre entry's card its estimated cost, and tells staff when the budget is short", async () => {
    // Seed l. 3466-3530, 4198: full time at CSE, 32,00 € a day for the Comune; before, «Costo stimato —».
    taxCodeSerial += 1;
    const { contractId } = await acceptedRequest(db.database, {
      receivedOn: '2027-01-20',
      draft: dayCentreEntry({
        beneficiary: {
          surname: 'Prova',
          name: 'Diurno',
          taxCode: `PRVDRN${String(taxCodeSerial).padStart(10, '0')}`,
        },
      }),
    });
    const card = (await services.decisions.cardData(contractId!))!;
    expect(card.estimatedCostCents).toBeGreaterThan(550_000);
    expect(card.notices.join('\n')).toContain('Il budget indicato (5.500,00');
    expect(card.notices.join('\n')).toContain('apertura dal lunedì al venerdì esclusi i festivi');
  });

  it('explains a rejection to the Comune in the thread of its request', async () => {
    const { protocol } = await acceptedSad(db.database);
    const contractId = (await services.drafts.contractForProtocol(protocol))!;
    await services.decide(contractId, 'rejected', 'Il monte ore non corrisponde al PAI');
    await drainEmail(db.database, capture.port);
    const mail = await capture.waitFor(
      (message) => message.parsed.subject === `Re: pratica n. ${protocol} – contratto non approvato`,
    );
    expect(mail.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
    expect(mail.parsed.inReplyTo).toBe('<original@comune.crema.cr.it>');
    expect(mail.parsed.text).toContain('Il monte ore non corrisponde al PAI');
  });

  it('reminds the provider the working day after the due date, across the Christmas holidays, once', async () => {
    now = new Date('2026-12-24T09:00:00Z'); // Thursday 24 December, 10:00 in Rome
    const { protocol } = await acceptedSad(db.database, '2026-12-21');
    const contractId = (await services.drafts.contractForProtocol(protocol))!;
    await services.decide(contractId, 'approved');
    const contract = await db.database.prisma.contract.findUniqueOrThrow({ where: { id: contractId } });
    // 25 and 26 December are holidays and 27 a Sunday: two working days are Monday 28 and Tuesday 29.
    expect(contract.dueBackOn?.toISOString().slice(0, 10)).toBe('2026-12-29');
    const overdueFor = () =>
      db.database.prisma.outboxMessage.findMany({
        where: {
          idempotencyKey: { startsWith: `contract-overdue` },
          payload: { path: ['subject'], string_contains: protocol },
        },
      });

    await services.tick.run(new Date('2026-12-30T07:59:00Z'));
    expect(await overdueFor()).toHaveLength(0);
    await services.tick.run(new Date('2026-12-30T08:00:00Z')); // Wednesday 30, 09:00 in Rome
    await services.tick.run(new Date('2026-12-30T08:05:00Z'));
    expect(await overdueFor()).toHaveLength(1);
    await drainEmail(db.database, capture.port);
    const reminder = await capture.waitFor(
      (mail) => mail.parsed.subject === `Sollecito: contratto di avvio del servizio – pratica n. ${protocol}`,
    );
    expect(reminder.parsed.inReplyTo).toBe(contract.outboundMessageId);
    expect(
      await db.database.prisma.outboxMessage.count({
        where: { idempotencyKey: `contract-overdue-staff:${contractId}` },
      }),
    ).toBe(1);
  });

  it('points out to staff, once, a draft still undecided on the day it must reach the provider', async () => {
    const { contractId } = await acceptedSad(db.database, '2027-02-08'); // Monday: 5 working days → Monday 15
    const alerts = () =>
      db.database.prisma.outboxMessage.count({
        where: { idempotencyKey: `contract-dispatch-due:${contractId}:teams` },
      });
    await services.tick.run(new Date('2027-02-12T09:00:00Z'));
    expect(await alerts()).toBe(0);
    await services.tick.run(new Date('2027-02-15T08:00:00Z'));
    await services.tick.run(new Date('2027-02-15T08:05:00Z'));
    expect(await alerts()).toBe(1);
  });

  it('sends no reminder for a contract that came back in time', async () => {
    now = new Date('2027-03-01T09:00:00Z');
    const { protocol } = await acceptedSad(db.database, '2027-02-26');
    const contractId = (await services.drafts.contractForProtocol(protocol))!;
    await services.decide(contractId, 'approved');
    await db.database.prisma.contract.update({ where: { id: contractId }, data: { state: 'returned' } });
    await services.tick.run(new Date('2027-03-04T09:00:00Z'));
    const reminder = await db.database.prisma.reminder.findUniqueOrThrow({
      where: { idempotencyKey: `contract-due-back:${contractId}` },
    });
    expect(reminder.state).toBe('skipped');
    expect(
      await db.database.prisma.outboxMessage.count({
        where: { idempotencyKey: `contract-overdue:${contractId}` },
      }),
    ).toBe(0);
  });

  it('sends each calendar reminder once, with two schedulers at once and after a restart', async () => {
    const providerReminders = () =>
      db.database.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: 'duty:provider_hours_first:2027-01:' } },
        select: { idempotencyKey: true },
      });
    const monday = new Date('2027-02-01T09:00:00Z'); // first working day of February
    const other = await migratedDatabaseClone(db.database);
    try {
      const second = await contractServices(other, () => monday);
      await Promise.all([services.tick.run(monday), second.tick.run(monday)]);
    } finally {
      await other.close();
    }
    const first = await providerReminders();
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((row) => row.idempotencyKey)).size).toBe(first.length);
    // A restart: new services on new connections, the same day, the day after.
    const restarted = await contractServices(db.database, () => monday);
    await restarted.tick.run(monday);
    await restarted.tick.run(new Date('2027-02-02T09:00:00Z'));
    expect(await providerReminders()).toHaveLength(first.length);
  });

  it('catches up once a reminder missed while the server was down, and skips it once useless', async () => {
    const remindersOf = (month: string) =>
      db.database.prisma.outboxMessage.count({
        where: { idempotencyKey: { startsWith: `duty:provider_hours_first:${month}:` } },
      });
    // Down on Monday 1 March 2027 (the first working day): back on Wednesday 3, before day 6.
    await services.tick.run(new Date('2027-03-03T10:00:00Z'));
    const caughtUp = await remindersOf('2027-02');
    expect(caughtUp).toBeGreaterThan(0);
    await services.tick.run(new Date('2027-03-03T10:05:00Z'));
    expect(await remindersOf('2027-02')).toBe(caughtUp);
    // Down from 31 March to 12 April: "validate by 8 April" would come too late, so it is not sent.
    await services.tick.run(new Date('2027-04-12T08:00:00Z'));
    expect(await remindersOf('2027-03')).toBe(0);
  });

  it('superseded: back on day 6 after missing the first working day, only the second reminder goes', async () => {
    await services.tick.run(new Date('2027-05-06T08:00:00Z'));
    const ledger = await db.database.prisma.reminder.findUniqueOrThrow({
      where: { idempotencyKey: 'duty:provider_hours_first:2027-04' },
    });
    expect(ledger.state).toBe('skipped');
    expect(
      await db.database.prisma.reminder.count({
        where: { idempotencyKey: 'duty:provider_hours_day6:2027-04' },
      }),
    ).toBe(1);
  });
});

/** A second client on the same database, as a second replica would have. */
async function migratedDatabaseClone(database: { url: string }) {
  return new Database(database.url, { poolSize: 4 });
}
