import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectLedger } from '../../domain/costs/project-ledger.js';
import { Database } from '../../prisma/database/database.js';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';
import { PrismaLedgerStore } from '../../prisma/repositories/prisma-ledger-store.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { startSportelloProcess } from '../support/start-process.js';
import { scratchPostgres } from '../support/test-databases.js';
import { percentile, report, round1 } from './percentiles.js';

// npm run bench:db [-- --json] — start-up times on the embedded default and the budget ledger query
// over 1,000,000 hour rows (10,000 projects) on the local PostgreSQL.
const projects = 10_000;
const monthsPerProject = 100;
const ledgerSamples = 2_000;

async function startTimes() {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'sportello-bench-')), 'pglite');
  const fresh = await startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir });
  await fresh.stop();
  const warm = await startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir });
  await warm.stop();
  return { freshStartMs: Math.round(fresh.readyMs), warmStartMs: Math.round(warm.readyMs) };
}

async function ledgerTimes() {
  const scratch = await scratchPostgres();
  try {
    await applyMigrations(scratch.url);
    const database = new Database(scratch.url, { poolSize: 4 });
    await syncMunicipalities(database);
    const prisma = database.prisma;
    await prisma.$executeRawUnsafe(
      `INSERT INTO provider (id, name, email) VALUES ('00000000-0000-0000-0000-000000000001', 'Bench', 'bench@example.test')`,
    );
    await prisma.$executeRawUnsafe(`
      INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
      SELECT md5('b' || i)::uuid, 'BENCH' || lpad(i::text, 11, '0'), 'Cognome' || i, 'Nome', DATE '1950-01-01', '019035'
      FROM generate_series(1, ${projects}) AS i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO project (id, beneficiary_id, service, municipality_id, provider_id, start_date, end_date, annual_minutes, committed_budget_cents, status)
      SELECT md5('p' || i)::uuid, md5('b' || i)::uuid, (ARRAY['SAD','ADM','SIP','SADH'])[1 + i % 4], '019035',
             '00000000-0000-0000-0000-000000000001', DATE '2023-01-01', DATE '2031-12-31', 12000, 2000000, 'active'
      FROM generate_series(1, ${projects}) AS i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO hour_entry (id, project_id, year, month, minutes, festive_minutes, back_office_minutes)
      SELECT gen_random_uuid(), md5('p' || i)::uuid, 2023 + m / 12, 1 + m % 12, 600 + (i + m) % 300, (i * m) % 120, 120
      FROM generate_series(1, ${projects}) AS i, generate_series(0, ${monthsPerProject - 1}) AS m`);
    await prisma.$executeRawUnsafe('ANALYZE');
    const rows = await prisma.hourEntry.count();
    const store = new PrismaLedgerStore(database);
    const ids = Array.from({ length: ledgerSamples }, (_, i) => ((i * 7919) % projects) + 1);
    const idOf = async (i: number) =>
      (await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT md5('p' || ${i})::uuid::text AS id`))[0]!.id;
    const projectIds = await Promise.all(ids.map(idOf));
    for (const id of projectIds.slice(0, 100)) await store.ledgerInput(id); // warm-up
    const times: number[] = [];
    for (const id of projectIds) {
      const started = performance.now();
      const input = await store.ledgerInput(id);
      projectLedger(input!.project, input!.months);
      times.push(performance.now() - started);
    }
    await database.close();
    return { rows, ledgerP50Ms: round1(percentile(times, 50)), ledgerP95Ms: round1(percentile(times, 95)) };
  } finally {
    await scratch.drop();
  }
}

const start = await startTimes();
const ledger = await ledgerTimes();
report(
  'bench:db — embedded start-up and budget ledger on PostgreSQL',
  {
    freshStartMs: start.freshStartMs,
    warmStartMs: start.warmStartMs,
    ledgerP50Ms: ledger.ledgerP50Ms,
    ledgerP95Ms: ledger.ledgerP95Ms,
  },
  {
    targets: 'fresh ≤ 5000 ms, warm ≤ 2000 ms, ledger p95 ≤ 20 ms',
    data: `${ledger.rows} hour rows, ${projects} projects, ${ledgerSamples} ledger queries`,
  },
);
process.exit(0);
