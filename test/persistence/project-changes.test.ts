import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { PrismaCalendarStore } from '../../prisma/repositories/prisma-calendar-store.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { PrismaLedgerStore } from '../../prisma/repositories/prisma-ledger-store.js';
import { PrismaProjectChangeStore } from '../../prisma/repositories/prisma-project-change-store.js';
import { projectLedger } from '../../domain/costs/project-ledger.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { requestTimeline } from '../../services/history/request-timeline.js';
import type { MailIntake } from '../../services/intake/mail-intake.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { cessationFormLines, formMessage, variationFormLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

const receivedAt = new Date('2027-03-05T09:00:00Z');

// Seed l. 492-504: an accepted variation or cessation changes the project in the register, in the
// same transaction as the request, with the terms it replaced kept for a cancellation.
describe.each(databaseKinds)('variations and cessations recorded on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let intake: MailIntake;

  beforeAll(async () => {
    db = await officeDatabase(create);
    intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const project = () =>
    db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'BNCMRA50D43D142D' } },
      include: { changes: { orderBy: { createdAt: 'asc' } } },
    });

  it('applies a variation and then a cessation to the running project, keeping what each replaced', async () => {
    await acceptedRequest(db.database, { receivedOn: '2027-02-10' });
    const variation = formMessage(
      variationFormLines({ decorrenza: '01/04/2027', ore: '260', budget: '€ 5.600,00' }),
      'v1',
    );
    expect(await intake.handle({ ...fetched(variation), internalDate: receivedAt })).toBe('processed');
    let current = await project();
    expect(current).toMatchObject({ committedBudgetCents: 560_000, annualMinutes: 260 * 60 });
    expect(current.changes).toHaveLength(1);
    expect(current.changes[0]).toMatchObject({
      kind: 'variation',
      committedBudgetCents: 560_000,
      previousCommittedBudgetCents: 430_000,
      previousAnnualMinutes: 200 * 60,
      previousStatus: 'pending',
    });
    expect(current.changes[0]!.effectiveOn.toISOString().slice(0, 10)).toBe('2027-04-01');
    const outbox = await db.database.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'project-changed' } },
      select: { recipient: true },
    });
    expect(outbox.map((row) => row.recipient).sort()).toEqual(
      expect.arrayContaining(['contratti@girasole.example', 'staff', expect.stringMatching(/^provider:/)]),
    );

    const cessation = formMessage(cessationFormLines({ data: '30/06/2027' }), 'c1');
    expect(await intake.handle({ ...fetched(cessation, 2n), internalDate: receivedAt })).toBe('processed');
    current = await project();
    expect(current.endDate?.toISOString().slice(0, 10)).toBe('2027-06-30');
    expect(current.changes.map((change) => change.kind)).toEqual(['variation', 'cessation']);
    expect(current.changes[1]!.previousEndDate?.toISOString().slice(0, 10)).toBe('2027-12-31');

    // No reminder after the cessation: the calendar sees the provider in June, not in July.
    const calendar = new PrismaCalendarStore(db.database);
    const june = await calendar.providersActiveIn(calendarDate('2027-06-01'), calendarDate('2027-06-30'), [
      'SAD',
    ]);
    const july = await calendar.providersActiveIn(calendarDate('2027-07-01'), calendarDate('2027-07-31'), [
      'SAD',
    ]);
    expect(june.map((provider) => provider.name)).toEqual(['Coop. Sociale Il Girasole']);
    expect(july).toEqual([]);

    // The activation's history tells both, since they changed the project it opened.
    const story = requestTimeline((await new PrismaRequestHistory(db.database).recordsOf('2027/0000001'))!);
    expect(story.map((event) => event.what)).toEqual(
      expect.arrayContaining([
        'variazione applicata al progetto (pratica 2027/0000002)',
        'cessazione applicata al progetto (pratica 2027/0000003)',
      ]),
    );
  });

  it('finds no running project once it has ended: a later variation is not applied', async () => {
    const late = formMessage(variationFormLines({ decorrenza: '01/09/2027' }), 'v-late');
    expect(await intake.handle({ ...fetched(late, 3n), internalDate: receivedAt })).toBe('processed');
    const request = await db.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<v-late@comune.crema.cr.it>' },
      select: { status: true, problems: true, projectChange: true },
    });
    expect(request.status).toBe('integration_requested');
    expect(JSON.stringify(request.problems)).toContain('project_not_found');
    expect(request.projectChange).toBeNull();
  });

  // Seed l. 3430-3433: a change of the SAAP operator's qualification changes the spending.
  it("applies a SAAP variation of the operator's profile, prices the months by it, and undoes it", async () => {
    const luca = {
      surname: 'Ferri',
      name: 'Luca',
      birthDate: calendarDate('2015-06-12'),
      taxCode: 'FRRLCU15H12G004O',
      municipality: 'Offanengo',
    };
    await acceptedRequest(db.database, {
      receivedOn: '2027-01-05',
      municipalityId: '019062',
      draft: sadActivation({
        service: 'SAAP',
        beneficiary: luca,
        request: {
          startDate: calendarDate('2027-01-11'),
          endDate: calendarDate('2027-06-08'),
          operatorProfile: 'D2',
        },
      }),
    });
    const lines = variationFormLines({
      cf: 'FRRLCU15H12G004O',
      decorrenza: '01/04/2027',
      variazione: 'Passaggio da educatore professionale a educatore',
    }).map((line) =>
      line
        .replace('COGNOME  Bianchi', 'COGNOME  Ferri')
        .replace('NOME  Maria', 'NOME  Luca')
        .replace('03/04/1950', '12/06/2015')
        .replace('RESIDENZA  Crema', 'RESIDENZA  Offanengo')
        .replace('☒ SERVIZIO DI ASSISTENZA DOMICILIARE', '☐ SERVIZIO DI ASSISTENZA DOMICILIARE')
        .replace('☐ SERVIZIO DI ASSISTENZA PER L’AUTONOMIA', '☒ SERVIZIO DI ASSISTENZA PER L’AUTONOMIA'),
    );
    const mail = formMessage(lines, 'v-saap').replace('comune.crema.cr.it', 'comune.offanengo.cr.it');
    expect(await intake.handle({ ...fetched(mail, 4n), internalDate: receivedAt })).toBe('processed');
    const saap = await db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'FRRLCU15H12G004O' }, service: 'SAAP' },
      include: { changes: true, requests: { where: { kind: 'variation' }, select: { protocol: true } } },
    });
    expect(saap.operatorProfile).toBe('D1');
    expect(saap.changes[0]).toMatchObject({ operatorProfile: 'D1', previousOperatorProfile: 'D2' });

    const input = (await new PrismaLedgerStore(db.database).ledgerInput(saap.id))!;
    expect(input.project.profileChanges).toEqual([
      { effectiveOn: '2027-04-01', operatorProfile: 'D1', previousOperatorProfile: 'D2' },
    ]);
    const tenHours = (month: number) => ({
      year: 2027,
      month,
      minutes: 600,
      festiveMinutes: 0,
      backOfficeMinutes: 0,
    });
    // March at D2 (10 h × 21,50 € + 5% = 225,75 €), April at D1 (10 h × 20,20 € + 5% = 212,10 €).
    expect(projectLedger(input.project, [tenHours(3), tenHours(4)]).spentCents).toBe(22_575 + 21_210);

    const cancelled = await new PrismaProjectChangeStore(db.database).cancel({
      changeId: saap.changes[0]!.id,
      actor: 'Ufficio Amministrazione',
      reason: 'profilo indicato per errore',
      messages: [],
    });
    expect(cancelled).toBe(true);
    const restored = await db.database.prisma.project.findUniqueOrThrow({ where: { id: saap.id } });
    expect(restored.operatorProfile).toBe('D2');

    // A spending forecast listing him finds the running project it continues.
    const continuing = await new PrismaIntakeStore(db.database).continuingProjects(
      ['FRRLCU15H12G004O', 'CNTGLI11P70D142W'],
      calendarDate('2027-05-20'),
    );
    expect(continuing).toEqual([
      {
        projectId: saap.id,
        taxCode: 'FRRLCU15H12G004O',
        service: 'SAAP',
        municipalityId: saap.municipalityId,
        provider: expect.objectContaining({ name: 'Coop. Sociale Il Girasole' }),
        operatorProfile: 'D2',
        upperSecondary: saap.upperSecondary,
        placedMinor: false,
        coPaid: false,
        vatRateBasisPoints: 500,
      },
    ]);
  });
});
