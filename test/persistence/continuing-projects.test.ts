import { describe, expect, it } from 'vitest';
import { projectLedger } from '../../domain/costs/project-ledger.js';
import { gecasHoursFile } from '../../gecas/read-hours-file.js';
import { PrismaForecastStore } from '../../prisma/repositories/prisma-forecast-store.js';
import { PrismaHourImportStore } from '../../prisma/repositories/prisma-hour-import-store.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { PrismaLedgerStore } from '../../prisma/repositories/prisma-ledger-store.js';
import type { Caller } from '../../services/access/caller.js';
import { ForecastReview } from '../../services/forecasts/forecast-review.js';
import { HoursImporter } from '../../services/hours/hours-importer.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { testStaff } from '../support/contract-services.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import { taxCodeOf } from '../support/tax-codes.js';
import { officeDatabaseOfBlock } from '../support/office-database-hooks.js';
import { databaseKinds } from '../support/test-databases.js';

const continuing = 'BNCMRA50D43D142D';
const newUser = taxCodeOf({ surname: 'VERDI', name: 'ANNA', birth: '1950-04-03', female: true });

// Seed l. 339-346: the Comune's forecast by 30 November, with the detail of the users and their
// hours; l. 365-373: the service carries on from 1 January. Received Friday 19 November 2027.
const receivedAt = new Date('2027-11-19T09:00:00Z');
const forecastMail = [
  'From: servizi.sociali@comune.crema.cr.it',
  'To: amministrazione@comunitasocialecremasca.it',
  'Subject: Previsione di spesa SAD anno 2028',
  'Message-ID: <previsionale-sad-2028-continuity@comune.crema.cr.it>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Si trasmette la previsione di spesa per l’anno 2028 con il prospetto di dettaglio degli utenti:',
  '',
  'Codice fiscale;Ore annue;Budget',
  `${continuing};200;3.000,00`,
  `${newUser};80;2.000,00`,
].join('\r\n');

const januaryHours = (taxCode: string) =>
  Buffer.from(
    `Codice Fiscale;Servizio;Anno;Mese;Ore;Ente\r\n${taxCode};SAD;2028;1;16;Coop. Sociale Il Girasole\r\n`,
  );

const socialWorker: Caller = {
  ...testStaff,
  teamsUserId: 'sw',
  role: 'social_worker',
  municipalityId: '019035',
};

describe.each(databaseKinds)('continuing projects opened by a forecast on %s', (_kind, create) => {
  const db = officeDatabaseOfBlock(create);

  it('reads the rows, checks them, lets staff correct and confirm, and January hours are then priced', async () => {
    // A project of 2027 that ends on 31 December, as an activation of the year sets it.
    await acceptedRequest(db.database, { receivedOn: '2027-02-10' });
    const importer = new HoursImporter(new PrismaHourImportStore(db.database), gecasHoursFile);
    // Before the forecast: no project for January (the wrong outcome the issue reports).
    expect(await importer.importFile('gennaio.csv', januaryHours(continuing), 'test')).toMatchObject({
      status: 'rejected',
      errors: [{ message: expect.stringContaining('nessun progetto SAD in corso nel mese 01/2028') }],
    });

    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
    expect(await intake.handle({ ...fetched(forecastMail), internalDate: receivedAt })).toBe('staff');
    // The Comune is told which row does not add up (200 h × the SAD tariff + IVA is more than 3.000 €).
    const ack = await db.database.prisma.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: 'forecast-ack:' } },
    });
    expect((ack.payload as { text: string }).text.replace(/\u00a0/g, ' ')).toContain(
      `${continuing}: il budget di 3.000,00 € non copre le ore indicate`,
    );

    const review = new ForecastReview(new PrismaForecastStore(db.database));
    expect(await review.list(socialWorker)).toBeNull();
    const [summary] = (await review.list(testStaff))!;
    expect(summary).toMatchObject({ municipality: 'Crema', service: 'SAD', late: false, lines: 2 });
    let forecast = (await review.view(testStaff, summary!.id))!;
    expect(forecast.period).toEqual({
      from: '2028-01-01',
      to: '2028-12-31',
      dueBy: '2027-11-30',
      late: false,
    });
    expect(
      forecast.lines.map((line) => [line.taxCode, line.annualMinutes, line.budgetCents, line.check.status]),
    ).toEqual([
      [continuing, 12_000, 300_000, 'budget_short'],
      [newUser, 4_800, 200_000, 'no_project'],
    ]);
    const estimate = forecast.lines[0]!.check.estimateCents!;
    expect(estimate).toBeGreaterThan(300_000);

    // Not confirmed while a row does not add up; a social worker cannot act at all.
    expect(
      await review.confirm(testStaff, { forecastId: forecast.id, version: forecast.version }),
    ).toMatchObject({
      outcome: 'refused',
      message: expect.stringContaining(`${continuing} (budget insufficiente per le ore indicate)`),
    });
    const lineId = forecast.lines[0]!.id;
    const correction = {
      forecastId: forecast.id,
      lineId,
      annualHours: 200,
      festiveHours: null,
      included: true,
    };
    expect(
      await review.correct(socialWorker, { ...correction, version: forecast.version, budgetCents: 500_000 }),
    ).toMatchObject({ outcome: 'refused' });
    expect(
      await review.correct(testStaff, { ...correction, version: forecast.version, budgetCents: estimate }),
    ).toMatchObject({ outcome: 'done' });
    // A stale page cannot write over the correction.
    expect(
      await review.correct(testStaff, { ...correction, version: forecast.version, budgetCents: 1 }),
    ).toMatchObject({ outcome: 'refused' });
    forecast = (await review.view(testStaff, forecast.id))!;
    expect(forecast.lines[0]).toMatchObject({
      corrected: true,
      budgetCents: estimate,
      check: { status: 'ok' },
    });

    const confirmed = await review.confirm(testStaff, { forecastId: forecast.id, version: forecast.version });
    expect(confirmed).toEqual({
      outcome: 'done',
      message:
        'Previsione confermata: 1 progetti in continuità aperti dal 01/01/2028. 1 nuovi utenti attendono la loro richiesta di attivazione.',
    });
    expect(
      await review.confirm(testStaff, { forecastId: forecast.id, version: forecast.version + 1 }),
    ).toMatchObject({
      outcome: 'refused',
      message: 'La previsione risulta già confermata: le righe non si modificano più.',
    });

    const projects = await db.database.prisma.project.findMany({
      where: { beneficiary: { taxCode: continuing } },
      orderBy: { startDate: 'asc' },
    });
    const [previous, opened] = projects;
    const contract = await db.database.prisma.cumulativeContract.findFirstOrThrow();
    expect(opened).toMatchObject({
      continuesProjectId: previous!.id,
      cumulativeContractId: contract.id,
      startDate: new Date('2028-01-01T00:00:00Z'),
      endDate: new Date('2028-12-31T00:00:00Z'),
      annualMinutes: 12_000,
      committedBudgetCents: estimate,
      providerId: previous!.providerId,
      status: 'active',
    });
    expect(previous!.endDate).toEqual(new Date('2027-12-31T00:00:00Z'));
    expect(await db.database.prisma.project.count({ where: { beneficiary: { taxCode: newUser } } })).toBe(0);
    const audit = await db.database.prisma.auditLog.findMany({ where: { entityId: forecast.id } });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['forecast_line_corrected', 'Ufficio (test)'],
      ['forecast_confirmed', 'Ufficio (test)'],
    ]);

    // January's hours now land on the new year's project and are priced.
    const report = await importer.importFile('gennaio.csv', januaryHours(continuing), 'test');
    expect(report).toMatchObject({ status: 'imported', rows: 1, projectIds: [opened!.id] });
    const input = (await new PrismaLedgerStore(db.database).ledgerInput(opened!.id))!;
    const ledger = projectLedger(input.project, input.months);
    expect(ledger.spentCents).toBeGreaterThan(16 * 2_000);
    expect(ledger.committedCents).toBe(estimate);
  });
});
