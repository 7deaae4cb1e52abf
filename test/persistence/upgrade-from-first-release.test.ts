import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../prisma/database/database.js';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';
import { prismaPaths } from '../../prisma/migrate/migration-files.js';
import { sqlStatements } from '../../prisma/migrate/sql-statements.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { emptyDatabaseKinds, type ScratchDatabase } from '../support/test-databases.js';

const firstRelease = '20261122220225_init';
const raw = Buffer.from(
  'Message-ID: <prima@comune.crema.cr.it>\r\nSubject: Richiesta SAD\r\n\r\nRichiesta di attivazione.',
);

/** The migrations folder as the first release shipped it: its one migration. */
function firstReleaseMigrations(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-first-release-'));
  for (const entry of readdirSync(prismaPaths.migrations))
    if (entry === firstRelease || entry === 'migration_lock.toml')
      cpSync(join(prismaPaths.migrations, entry), join(folder, entry), { recursive: true });
  return folder;
}

// Issue 27: a database of the first release, with its data, upgraded to today's schema loses nothing
// (and today's data migrations — seven-digit numbers, the impronte — apply to what it held).
describe.each(emptyDatabaseKinds)('an upgrade from the first release on %s', (_kind, create) => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await create();
    await applyMigrations(scratch.url, firstReleaseMigrations());
    const seed = new Database(scratch.url, { poolSize: 1 });
    const rows = `
      INSERT INTO municipality (istat_code, cadastral_code, name) VALUES ('019035', 'D142', 'Crema');
      INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
        VALUES ('00000000-0000-4000-8000-000000000001', 'BNCMRA50D43D142D', 'Bianchi', 'Maria', '1950-04-03', '019035');
      INSERT INTO project (id, beneficiary_id, service, municipality_id, start_date, committed_budget_cents)
        VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'SAD', '019035', '2026-12-01', 260000);
      INSERT INTO inbound_message (id, mailbox, dedupe_key, content_hash, received_at, raw, size_bytes, state)
        VALUES ('00000000-0000-4000-8000-000000000003', 'INBOX', '<prima@comune.crema.cr.it>', 'x',
          '2026-11-23 09:00:00+00', decode('${raw.toString('hex')}', 'hex'), ${raw.byteLength}, 'processed');
      INSERT INTO protocol_counter (year, last_number) VALUES (2026, 1);
      INSERT INTO request (id, protocol_year, protocol_number, protocol, inbound_message_id, kind, service, status,
          received_at, received_on, sender_address, fields, problems, beneficiary_id, municipality_id, project_id)
        VALUES ('00000000-0000-4000-8000-000000000004', 2026, 1, '2026/000001', '00000000-0000-4000-8000-000000000003',
          'activation', 'SAD', 'acknowledged', '2026-11-23 09:00:00+00', '2026-11-23',
          'servizi.sociali@comune.crema.cr.it', '{}', '[]', '00000000-0000-4000-8000-000000000001', '019035',
          '00000000-0000-4000-8000-000000000002');
      INSERT INTO contract (id, request_id, project_id, state, docx)
        VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004',
          '00000000-0000-4000-8000-000000000002', 'draft', decode('504b0304', 'hex'));`;
    for (const statement of sqlStatements(rows)) await seed.prisma.$executeRawUnsafe(statement);
    await seed.close();
    await applyMigrations(scratch.url);
    database = new Database(scratch.url, { poolSize: 2 });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('keeps every row, renumbered with seven digits, with the impronta of the message kept', async () => {
    const prisma = database.prisma;
    const request = await prisma.request.findUniqueOrThrow({ where: { protocol: '2026/0000001' } });
    expect([request.protocolYear, request.protocolNumber, request.kind]).toEqual([2026, 1, 'activation']);
    const message = await prisma.inboundMessage.findUniqueOrThrow({
      where: { id: request.inboundMessageId! },
    });
    expect(Buffer.from(message.raw).equals(raw)).toBe(true);
    expect(message.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(await prisma.beneficiary.count({ where: { taxCode: 'BNCMRA50D43D142D' } })).toBe(1);
    expect((await prisma.project.findFirstOrThrow()).committedBudgetCents).toBe(260000);
    expect((await prisma.contract.findFirstOrThrow()).docx?.byteLength).toBe(4);
    expect((await new PrismaRequestHistory(database).recordsOf('2026/0000001'))?.request).toMatchObject({
      kind: 'activation',
      service: 'SAD',
    });
    // The next number of the year follows the first release's counter.
    expect((await prisma.protocolCounter.findUniqueOrThrow({ where: { year: 2026 } })).lastNumber).toBe(1);
  });
});
