import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { contractServices, cremaSocialWorker, testConfig, testStaff } from '../support/contract-services.js';
import { CumulativeContractReminders } from '../../services/forecasts/cumulative-contract-reminders.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

// Received Friday 19 November 2027: the cumulative contracts are due by 29 November (seed l. 353:
// «entro i successivi 10 giorni»), back within 5 working days of their receipt (l. 360-361), the
// fase D by the end of December (l. 371).
const receivedAt = new Date('2027-11-19T09:00:00Z');
const forecast = [
  'From: servizi.sociali@comune.crema.cr.it',
  'To: amministrazione@comunitasocialecremasca.it',
  'Subject: Previsione di spesa SAD anno 2028',
  'Message-ID: <previsionale-sad-2028@comune.crema.cr.it>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Si trasmette la previsione di spesa per l’anno 2028 con il prospetto di dettaglio degli utenti:',
  'BNCMRA50D43D142D  ore annue 200  continuità',
].join('\r\n');

const socialWorker = cremaSocialWorker;

describe.each(databaseKinds)('cumulative contracts of a forecast on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let now = receivedAt;
  let services: Awaited<ReturnType<typeof contractServices>>;

  beforeAll(async () => {
    db = await officeDatabase(create);
    services = await contractServices(db.database, () => now);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const outboxKeys = async (prefix: string) =>
    (
      await db.database.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: prefix } },
        select: { idempotencyKey: true, recipient: true },
      })
    ).map((row) => row.recipient);

  it('records one per provider with its dates, tracks the steps staff mark and reminds when a date passes', async () => {
    await acceptedRequest(db.database, { receivedOn: '2027-02-10' });
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
    expect(await intake.handle({ ...fetched(forecast), internalDate: receivedAt })).toBe('staff');

    const project = await db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'BNCMRA50D43D142D' } },
    });
    const [row, ...others] = await db.database.prisma.cumulativeContract.findMany();
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      service: 'SAD',
      municipalityId: '019035',
      state: 'due',
      projectIds: [project.id],
    });
    const id = row!.id;
    let view = (await services.cumulative.cumulativeContract(id))!;
    expect(view).toMatchObject({
      provider: { name: 'Coop. Sociale Il Girasole', email: 'contratti@girasole.example' },
      municipality: 'Crema',
      beneficiaries: 1,
      dueOn: '2027-11-29',
      returnWorkingDays: 5,
      phaseDDueOn: '2027-12-31',
    });
    expect(await outboxKeys(`cumulative-card:${id}`)).toEqual(['staff']);
    const reminders = await db.database.prisma.reminder.findMany({
      where: { idempotencyKey: { contains: id } },
    });
    expect(reminders.map((reminder) => reminder.kind).sort()).toEqual([
      'cumulative_contract_due',
      'cumulative_phase_d',
    ]);

    // Not sent by the due date: staff are told the morning after (Tuesday 30 November).
    await services.tick.run(new Date('2027-11-30T09:00:00Z'));
    expect(await outboxKeys(`cumulative-due-staff:${id}`)).toEqual(['staff']);

    // Only staff mark the steps, in order, each once.
    now = new Date('2027-11-30T10:00:00Z');
    expect(
      await services.cumulativeActions.record(socialWorker, { id, version: 0, step: 'sent' }),
    ).toMatchObject({
      outcome: 'refused',
    });
    expect(
      await services.cumulativeActions.record(testStaff, { id, version: 0, step: 'returned' }),
    ).toMatchObject({
      outcome: 'refused',
      message: "Segnare prima la trasmissione all'ente.",
    });
    const sent = await services.cumulativeActions.record(testStaff, { id, version: 0, step: 'sent' });
    expect(sent).toMatchObject({ outcome: 'recorded', contract: { state: 'sent', sentOn: '2027-11-30' } });
    // Five working days from Tuesday 30 November: Tuesday 7 December.
    expect(sent.outcome === 'recorded' && sent.contract.dueBackOn).toBe('2027-12-07');
    expect(
      await services.cumulativeActions.record(testStaff, { id, version: 0, step: 'sent' }),
    ).toMatchObject({
      outcome: 'refused',
    });
    const audit = await db.database.prisma.auditLog.findMany({ where: { entityId: id } });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['cumulative_contract_sent', 'Ufficio (test)'],
    ]);

    // Not back by 7 December: the provider is reminded by e-mail on the 8th, staff told.
    await services.tick.run(new Date('2027-12-08T09:00:00Z'));
    expect(await outboxKeys(`cumulative-due-back:${id}`)).toEqual(['contratti@girasole.example']);
    expect(await outboxKeys(`cumulative-due-back-staff:${id}`)).toEqual(['staff']);

    now = new Date('2027-12-09T10:00:00Z');
    view = (await services.cumulative.cumulativeContract(id))!;
    const returned = await services.cumulativeActions.record(testStaff, {
      id,
      version: view.version,
      step: 'returned',
    });
    expect(returned).toMatchObject({
      outcome: 'recorded',
      contract: { state: 'returned', returnedOn: '2027-12-09' },
    });

    // A week before the fase D deadline, staff are reminded while it is not marked.
    await services.tick.run(new Date('2027-12-24T09:00:00Z'));
    expect(await outboxKeys(`cumulative-phase-d-staff:${id}`)).toEqual(['staff']);
    view = (await services.cumulative.cumulativeContract(id))!;
    const entered = await services.cumulativeActions.record(testStaff, {
      id,
      version: view.version,
      step: 'phase_d',
    });
    expect(entered).toMatchObject({ outcome: 'recorded', contract: { phaseDDoneOn: '2027-12-09' } });
  });

  it('skips a reminder whose step was done meanwhile, and never sends one twice', async () => {
    const row = await db.database.prisma.cumulativeContract.findFirstOrThrow();
    const reminders = new CumulativeContractReminders(services.cumulative, testConfig.office);
    const payload = { cumulativeContractId: row.id };
    for (const result of [
      await reminders.due(payload),
      await reminders.dueBack(payload),
      await reminders.phaseD(payload),
    ])
      expect(result).toMatchObject({ state: 'skipped', outbox: [] });
    expect(await reminders.due({ cumulativeContractId: 'not-a-uuid' })).toMatchObject({ state: 'skipped' });
    await services.tick.run(new Date('2027-12-28T09:00:00Z'));
    const sent = await db.database.prisma.outboxMessage.count({
      where: { idempotencyKey: { contains: row.id } },
    });
    // The card, the three staff alerts and the provider's reminder.
    expect(sent).toBe(5);
  });
});
