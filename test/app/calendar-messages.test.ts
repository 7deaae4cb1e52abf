import { gecasHoursFile } from '../../gecas/read-hours-file.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoursImporter } from '../../services/hours/hours-importer.js';
import { PrismaHourImportStore } from '../../prisma/repositories/prisma-hour-import-store.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { seedDemoCounterparts } from '../../prisma/seed/demo-counterparts.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { contractServices, drainEmail } from '../support/contract-services.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { migratedDatabase, scratchPostgres } from '../support/test-databases.js';

const run = promisify(execFile);
const taxCode = 'SGLLRA39C45D142N';

// The messages the calendar writes from the data: 80% alerts after an hours import, the quarterly
// summaries per Comune, and the command-line views of what ran.
describe('calendar messages on PostgreSQL', () => {
  const capture = new SmtpCapture();
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let services: Awaited<ReturnType<typeof contractServices>>;
  let protocol: string;

  beforeAll(async () => {
    await capture.start();
    db = await migratedDatabase(scratchPostgres);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    // The Comuni are written to at their registered offices only.
    await seedDemoCounterparts(db.database);
    services = await contractServices(db.database, () => new Date('2027-03-01T09:00:00Z'));
    ({ protocol } = await acceptedRequest(db.database, {
      draft: sadActivation({ beneficiary: { surname: 'Soglia', name: 'Laura', taxCode } }),
    }));
    await services.decide((await services.drafts.contractForProtocol(protocol))!, 'approved');
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await capture.stop();
  });

  const importHours = (name: string, rows: [number, number][]) =>
    new HoursImporter(new PrismaHourImportStore(db.database), gecasHoursFile).importFile(
      name,
      new TextEncoder().encode(
        [
          'codice_fiscale;servizio;anno;mese;ore',
          ...rows.map(([month, hours]) => `${taxCode};SAD;2027;${month};${hours}`),
        ].join('\n'),
      ),
      'test',
    );

  it('tells the Comune once when validated hours pass 80% of the budget', async () => {
    const alerts = () =>
      db.database.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: 'budget-threshold:' } },
      });
    // 120 h × €20,20 + 5% IVA = €2.545,20 of €4.300: 59%, no alert.
    expect(
      (
        await importHours('marzo-aprile.csv', [
          [3, 60],
          [4, 60],
        ])
      ).status,
    ).toBe('imported');
    await services.tick.run(new Date('2027-05-03T09:00:00Z'));
    expect(await alerts()).toHaveLength(0);
    // +50 h: 170 h = €3.605,70, 83,9%.
    expect((await importHours('maggio.csv', [[5, 50]])).status).toBe('imported');
    await services.tick.run(new Date('2027-06-01T09:00:00Z'));
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.payload)).toContain(
      'ha utilizzato il 83,9% del budget impegnato: 3.605,70',
    );
    expect(sent[0]!.recipient).toBe('servizi.sociali@comune.crema.cr.it');
    // More hours later: the same threshold is not announced twice.
    expect((await importHours('giugno.csv', [[6, 10]])).status).toBe('imported');
    await services.tick.run(new Date('2027-07-01T09:00:00Z'));
    expect(await alerts()).toHaveLength(1);
  });

  it('e-mails each Comune its quarterly workbook (a row per beneficiary, the chart) and posts the list to staff', async () => {
    await services.tick.run(new Date('2027-07-01T10:00:00Z')); // first working day after the 2nd quarter
    await drainEmail(db.database, capture.port);
    const mail = await capture.waitFor((message) =>
      /Riepilogo trimestrale della spesa – 2° trimestre 2027 – Comune di Crema/.test(
        message.parsed.subject ?? '',
      ),
    );
    expect(mail.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
    const xlsx = mail.parsed.attachments.find((attachment) => attachment.filename?.endsWith('.xlsx'))!;
    const png = mail.parsed.attachments.find((attachment) => attachment.filename?.endsWith('.png'))!;
    expect(png.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as never);
    const sheet = workbook.getWorksheet('Riepilogo')!;
    const rows = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    const laura = rows.find((row) => row?.[0] === 'Soglia Laura')!;
    // April–June: 60 + 50 + 10 = 120 h; since January 170 + 10 = 180 h (× €21,21 with IVA).
    expect(laura.slice(1, 7)).toEqual([
      taxCode,
      'SAD',
      'Coop. Sociale Il Girasole (demo)',
      4300,
      2545.2,
      3817.8,
    ]);
    expect(workbook.getWorksheet('Riepilogo')!.getImages()).toHaveLength(1);
    // Issue 24, point 6: the day centres' FUD share has its column beside the Comune's spending.
    expect(rows.find((row) => row?.[0] === 'Beneficiario')).toContain('Quota FUD (centri diurni)');
    const staff = await db.database.prisma.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: 'duty:quarterly_summary:2027-T2:staff:teams' },
    });
    expect(JSON.stringify(staff.payload)).toContain('Crema');
  });

  it('shows what ran in npm run jobs and the whole story in npm run history', async () => {
    const env = { ...process.env, DATABASE_URL: db.database.url, LOG_LEVEL: 'silent' };
    const jobs = await run('npx', ['tsx', 'app/cli/list-jobs.ts'], { env });
    expect(jobs.stdout).toContain('PROSSIME SCADENZE DEL CALENDARIO');
    expect(jobs.stdout).toMatch(/duty:quarterly_summary:2027-T2: sent/);
    const history = await run('npx', ['tsx', 'app/cli/request-history.ts', protocol], { env });
    expect(history.stdout).toContain(`Pratica ${protocol}: richiesta di attivazione (SAD)`);
    for (const step of [
      'richiesta protocollata e verificata',
      'contratto redatto dal modello Word',
      'contratto approvato',
      "contratto trasmesso all'ente",
    ]) {
      expect(history.stdout).toContain(step);
    }
  }, 60_000);
});
