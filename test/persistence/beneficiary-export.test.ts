import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PizZipWriter } from '../../documents/zip-archive.js';
import { PrismaBeneficiaryData } from '../../prisma/repositories/prisma-beneficiary-data.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import type { Caller } from '../../services/access/caller.js';
import { BeneficiaryExport } from '../../services/beneficiaries/beneficiary-export.js';
import { activationLines, composeEml, pdfWithLines } from '../support/compose-mail.js';
import { testStaff } from '../support/contract-services.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

const receivedAt = new Date('2027-02-10T09:00:00Z');
const bianchi = 'BNCMRA50D43D142D';

/** The tables whose rows concern a beneficiary: those that reference one, directly or through rows that do. */
async function tablesAboutABeneficiary(db: Awaited<ReturnType<typeof migratedDatabase>>): Promise<string[]> {
  const references = await db.database.prisma.$queryRaw<{ referencing: string; referenced: string }[]>`
    SELECT source.relname AS referencing, target.relname AS referenced
    FROM pg_constraint c
    JOIN pg_class source ON source.oid = c.conrelid
    JOIN pg_class target ON target.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = source.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`;
  const named = await db.database.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT DISTINCT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name IN ('beneficiary_id', 'tax_code')`;
  const found = new Set(['beneficiary', ...named.map(({ table_name }) => table_name)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { referencing, referenced } of references)
      if (found.has(referenced) && !found.has(referencing)) grew = !!found.add(referencing);
  }
  return [...found].sort();
}

// Issue 26 (GDPR art. 15): everything held about a person in one ZIP, for staff to hand over.
describe.each(databaseKinds)("a beneficiary's export on %s", (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let raw: Buffer;

  beforeAll(async () => {
    db = await officeDatabase(create);
    raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta di attivazione SAD',
      messageId: '<export@comune.crema.cr.it>',
      text: 'Si trasmette la richiesta.',
      attachments: [
        {
          filename: 'richiesta.pdf',
          content: Buffer.from(await pdfWithLines(activationLines({ sad: '[X]' }))),
        },
      ],
    });
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
    expect(await intake.handle({ ...fetched(raw.toString('latin1')), internalDate: receivedAt })).toBe(
      'processed',
    );
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const exporter = () =>
    new BeneficiaryExport(
      new PrismaBeneficiaryData(db.database),
      new PizZipWriter(),
      new PrismaReadLog(db.database),
    );

  it('leaves out no table that concerns a beneficiary', async () => {
    const exported = new PrismaBeneficiaryData(db.database).exportedTables;
    const concerned = await tablesAboutABeneficiary(db);
    // The enumeration itself finds them: through foreign keys, and by their columns.
    expect(concerned).toEqual(
      expect.arrayContaining([
        'contract_state_change',
        'hour_entry',
        'project_change',
        'read_log',
        'forecast_line',
      ]),
    );
    const missing = concerned.filter((table) => !exported.includes(table));
    expect(missing, 'tables that concern a beneficiary and the export does not read').toEqual([]);
  });

  it('gives staff one ZIP with the rows as JSON and the original message, and records it', async () => {
    const result = await exporter().forCaller(testStaff, bianchi.toLowerCase());
    expect(result).toMatchObject({
      outcome: 'exported',
      fileName: expect.stringMatching(/^dati-BNCMRA50D43D142D-\d{4}-\d\d-\d\d\.zip$/),
    });
    if (!result || result.outcome !== 'exported') return;
    const zip = new PizZip(result.zip);
    const json = (path: string) => JSON.parse(zip.file(path)!.asText());
    const readme = json('LEGGIMI.json');
    expect(readme).toMatchObject({ codiceFiscale: bianchi, persona: 'Bianchi Maria', nonInclusi: [] });
    expect(readme.tabelle).toMatchObject({
      beneficiary: 1,
      project: 1,
      request: 1,
      contract: 1,
      inbound_message: 1,
      received_document: 1,
    });
    expect(json('dati/request.json')[0]).toMatchObject({
      protocol: '2027/0000001',
      subject: 'Richiesta di attivazione SAD',
    });
    expect(json('dati/inbound_message.json')[0]).not.toHaveProperty('raw');
    expect(json('dati/audit_log.json').map((row: { action: string }) => row.action)).toContain(
      'request_registered',
    );
    expect(Buffer.from(zip.file('messaggi/2027-0000001.eml')!.asUint8Array()).equals(raw)).toBe(true);
    const prisma = db.database.prisma;
    expect(
      await prisma.auditLog.count({
        where: { action: 'beneficiary_exported', actor: testStaff.teamsUserId },
      }),
    ).toBe(1);
    expect(await prisma.readLogEntry.count({ where: { action: 'beneficiary_export' } })).toBe(1);
  });

  it('refuses anyone but staff, and finds nobody for an unknown codice fiscale', async () => {
    const worker: Caller = {
      ...testStaff,
      teamsUserId: 'worker',
      role: 'social_worker',
      municipalityId: '019035',
    };
    expect(await exporter().forCaller(worker, bianchi)).toMatchObject({
      outcome: 'refused',
      code: 'not_staff',
    });
    expect(await exporter().forCaller(testStaff, 'RSSMRA80A01H501U')).toBeNull();
  });
});
