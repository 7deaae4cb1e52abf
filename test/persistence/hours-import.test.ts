import { gecasHoursFile } from '../../gecas/read-hours-file.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoursImporter } from '../../services/hours/hours-importer.js';
import { PrismaHourImportStore } from '../../prisma/repositories/prisma-hour-import-store.js';
import { PrismaLedgerStore } from '../../prisma/repositories/prisma-ledger-store.js';
import { projectLedger } from '../../domain/costs/project-ledger.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

const csv = (text: string, encoding: 'utf8' | 'latin1' = 'utf8') =>
  Buffer.from(text.replace(/\n/g, '\r\n'), encoding);

describe.each(databaseKinds)('Gecas hours import on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let importer: HoursImporter;
  const minutesOf = async (taxCode: string, month: number) =>
    (await db.database.prisma.hourEntry.findFirst({
      where: { project: { beneficiary: { taxCode } }, year: 2026, month },
      select: { minutes: true, festiveMinutes: true, backOfficeMinutes: true },
    })) ?? null;

  beforeAll(async () => {
    db = await migratedDatabase(create);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    importer = new HoursImporter(new PrismaHourImportStore(db.database), gecasHoursFile);
  }, 30_000);
  afterAll(async () => {
    await db.close();
  });

  it('imports a ;-separated CSV with Italian decimals, in Windows-1252, and ignores the same file twice', async () => {
    const file = csv(
      'Codice Fiscale;Servizio;Anno;Mese;Ore;Ore festive;Ore back office;Ente;Note\n' +
        'BNCMRA50D43D142D;SAD;2026;novembre;16,5;2;0;Coop. Sociale Il Girasole;attività più lunga\n' +
        'FRRLCU15H12G004O;ADM;2026;11;12:30;;2;\n' +
        ';;;;;;;\n',
      'latin1',
    );
    const report = await importer.importFile('ore-novembre.csv', file, 'test');
    expect(report).toMatchObject({ status: 'imported', rows: 2 });
    expect(await minutesOf('BNCMRA50D43D142D', 11)).toEqual({
      minutes: 990,
      festiveMinutes: 120,
      backOfficeMinutes: 0,
    });
    expect(await minutesOf('FRRLCU15H12G004O', 11)).toEqual({
      minutes: 750,
      festiveMinutes: 0,
      backOfficeMinutes: 120,
    });

    const entries = await db.database.prisma.hourEntry.count();
    const again = await importer.importFile('copia.csv', file, 'test');
    expect(again).toMatchObject({ status: 'already_imported', fileName: 'ore-novembre.csv' });
    expect(await db.database.prisma.hourEntry.count()).toBe(entries);
    expect(await db.database.prisma.hourImport.count()).toBe(1);
  });

  it('replaces a month with the values of a newer export', async () => {
    const report = await importer.importFile(
      'correzione.csv',
      csv('codice_fiscale;servizio;anno;mese;ore\nBNCMRA50D43D142D;SAD;2026;11;17,25\n'),
      'test',
    );
    expect(report.status).toBe('imported');
    expect(await minutesOf('BNCMRA50D43D142D', 11)).toMatchObject({ minutes: 1035 });
  });

  it('reads an XLSX export', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ore');
    sheet.addRow(['CF', 'Servizio', 'Anno', 'Mese', 'Ore validate']);
    sheet.addRow(['RSSGNN46B11D142B', 'SADH', 2026, 11, 24.75]);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await importer.importFile('ore.xlsx', content, 'test')).toMatchObject({
      status: 'imported',
      rows: 1,
    });
    expect(await minutesOf('RSSGNN46B11D142B', 11)).toMatchObject({ minutes: 1485 });
  });

  it('rejects a file with bad rows whole, listing every bad row by line in Italian', async () => {
    const before = await db.database.prisma.hourEntry.count();
    const report = await importer.importFile(
      'errata.csv',
      csv(
        'codice_fiscale;servizio;anno;mese;ore;ente\n' +
          'BNCMRA50D43D142D;SAD;2026;12;10;\n' + // valid, but the file is rejected
          'BNCMRA50D43D142D;SAD;2026;13;10;\n' +
          'XXXX;SAD;2026;12;10;\n' +
          'BNCMRA50D43D142D;PIZZA;2026;12;10;\n' +
          'BNCMRA50D43D142D;SAD;2026;12;dieci;\n' +
          'CNTGLI11P70D142W;SAD;2026;12;10;\n' + // no SAD project for her
          'BNCMRA50D43D142D;SAD;2026;12;5;\n' + // same project and month twice
          'FRRLCU15H12G004O;ADM;2026;12;5;Coop. Koala\n', // not the project's provider
      ),
      'test',
    );
    expect(report.status).toBe('rejected');
    const errors = report.status === 'rejected' ? report.errors : [];
    expect(errors.map((error) => error.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(errors.find((e) => e.line === 3)?.message).toContain('mese');
    expect(errors.find((e) => e.line === 7)?.message).toContain('nessun progetto SAD');
    expect(errors.find((e) => e.line === 8)?.message).toContain('riga 2');
    expect(errors.find((e) => e.line === 9)?.message).toContain('Coop. Koala');
    expect(await db.database.prisma.hourEntry.count()).toBe(before);
    expect(await db.database.prisma.hourImport.count({ where: { fileName: 'errata.csv' } })).toBe(0);
  });

  it('rejects a file without the required columns or of another format', async () => {
    expect(await importer.importFile('x.csv', csv('nome;cognome\nA;B\n'), 'test')).toMatchObject({
      status: 'rejected',
      errors: [{ line: null, message: expect.stringContaining('codice_fiscale') }],
    });
    expect(await importer.importFile('x.pdf', csv('%PDF'), 'test')).toMatchObject({ status: 'rejected' });
    expect(await importer.importFile('x.xlsx', csv('not a zip'), 'test')).toMatchObject({
      status: 'rejected',
      errors: [{ message: expect.stringContaining('Excel') }],
    });
  });

  // Day centres: attendance sheet (seed l. 2143-2163) priced with the CSE daily table (seed l. 3493-3507).
  it('imports a day centre attendance and the ledger prices it with the Comune share of the daily tariffs', async () => {
    const report = await importer.importFile(
      'presenze-cse.csv',
      csv(
        'codice_fiscale;servizio;anno;mese;giornate_full_time;giornate_part_time;pasti;ore;unita\n' +
          'SLANDR94S05C153V;CSE;2026;11;18;2;18;2;CSE Il Seme\n',
      ),
      'test',
    );
    expect(report).toMatchObject({ status: 'imported', rows: 1 });
    const project = await db.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'SLANDR94S05C153V' }, service: 'CSE' },
    });
    const input = await new PrismaLedgerStore(db.database).ledgerInput(project.id);
    const november = input!.months.filter((month) => month.month === 11);
    expect(november).toMatchObject([{ fullTimeDays: 18, partTimeDays: 2, meals: 18, minutes: 120 }]);
    // 18 × 32,00 + 2 × 16,00 + 18 × 5,00 + 2 h × 12,59 = 723,18 € for the Comune.
    expect(projectLedger(input!.project, november).spentCents).toBe(72_318);
    // The demo's earlier months (160 full days with a meal each, 37,00 € a day) are counted too.
    expect(projectLedger(input!.project, input!.months).spentCents).toBe(72_318 + 160 * 3_700);
  });

  it('rejects attendance on an hourly service and a unit that is not the project s', async () => {
    const report = await importer.importFile(
      'presenze-errate.csv',
      csv(
        'codice_fiscale;servizio;anno;mese;giornate_full_time;ore;unita\n' +
          'BNCMRA50D43D142D;SAD;2026;10;5;3;\n' +
          'SLANDR94S05C153V;CSE;2026;10;5;;SFA Kalimero\n' +
          'SLANDR94S05C153V;CSE;2026;9;tre;;\n',
      ),
      'test',
    );
    expect(report.status).toBe('rejected');
    const errors = report.status === 'rejected' ? report.errors : [];
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4]);
    expect(errors[0]?.message).toContain('è a ore');
    expect(errors[1]?.message).toContain('SFA Kalimero');
    expect(errors[2]?.message).toContain('giornate full time');
  });

  it('(issue 24, point 6) imports an attendance export without an «ore» column, and says in Italian which row and column are wrong', async () => {
    const report = await importer.importFile(
      'presenze-senza-ore.csv',
      csv(
        'codice_fiscale;servizio;anno;mese;giornate_full_time;giornate_part_time\n' +
          'SLANDR94S05C153V;CSE;2026;12;10;1\n' +
          'BNCMRA50D43D142D;SAD;2026;12;;\n' +
          'SLANDR94S05C153V;CSE;2026;tredici;1;0\n',
      ),
      'test',
    );
    expect(report.status).toBe('rejected');
    const errors = report.status === 'rejected' ? report.errors : [];
    expect(errors).toEqual([
      { line: 3, message: 'colonna «ore»: manca il valore delle ore del servizio SAD, che è a ore' },
      { line: 4, message: expect.stringMatching(/^colonna «mese»: il mese deve essere/) },
    ]);
    for (const error of errors) expect(error.message).not.toMatch(/Invalid|expected|received/);
    const fine = await importer.importFile(
      'presenze-dicembre.csv',
      csv(
        'codice_fiscale;servizio;anno;mese;giornate_full_time;giornate_part_time\nSLANDR94S05C153V;CSE;2026;12;10;1\n',
      ),
      'test',
    );
    expect(fine).toMatchObject({ status: 'imported', rows: 1 });
  });
});
