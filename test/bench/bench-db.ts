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

// npm run bench:db [-- --json] — start-up times on the embedded default (what `npm start` runs:
// the compiled server, a local mailbox) and the budget ledger query over 1,000,000 hour rows
// (10,000 projects) on the local PostgreSQL.
const projects = 10_000;
const monthsPerProject = 100;
const ledgerSamples = 2_000;
// A small machine's start-up varies by a few hundred ms from run to run: medians of several.
const freshStarts = 3;
const warmStarts = 5;

/** Process spawned → `ready` logged, and → /health answering 200 (every background worker running). */
async function timeStart(dataDir: string) {
  const started = await startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir });
  const spawnedAt = performance.now() - started.readyMs;
  while ((await fetch(`${started.url}/health`)).status !== 200) await sleep(10);
  const healthyMs = performance.now() - spawnedAt;
  await started.stop();
  return { readyMs: started.readyMs, healthyMs };
}

async function startTimes() {
  const fresh: { readyMs: number; healthyMs: number }[] = [];
  let dataDir = '';
  for (let i = 0; i < freshStarts; i += 1) {
    dataDir = join(mkdtempSync(join(tmpdir(), 'sportello-bench-')), 'pglite');
    fresh.push(await timeStart(dataDir));
  }
  const warm: { readyMs: number; healthyMs: number }[] = [];
  for (let i = 0; i < warmStarts; i += 1) warm.push(await timeStart(dataDir));
  const median = (runs: typeof fresh, key: 'readyMs' | 'healthyMs') =>
    Math.round(
      percentile(
        runs.map((run) => run[key]),
        50,
      ),
    );
  const spread = (runs: typeof fresh) => runs.map((run) => Math.round(run.readyMs)).join(', ');
  return {
    freshStartMs: median(fresh, 'readyMs'),
    warmStartMs: median(warm, 'readyMs'),
    freshHealthyMs: median(fresh, 'healthyMs'),
    warmHealthyMs: median(warm, 'healthyMs'),
    freshRuns: spread(fresh),
    warmRuns: spread(warm),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    starts: `spawn → ready, median of ${freshStarts} fresh (${start.freshRuns} ms) and ${warmStarts} warm (${start.warmRuns} ms)`,
    healthy: `spawn → /health 200 with the mailbox watched: fresh ${start.freshHealthyMs} ms, warm ${start.warmHealthyMs} ms`,
    data: `${ledger.rows} hour rows, ${projects} projects, ${ledgerSamples} ledger queries`,
  },
);
process.exit(0);
