import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';
import { createMigration } from '../../prisma/migrate/create-migration.js';
import { prismaPaths } from '../../prisma/migrate/migration-files.js';
import { emptyDatabaseKinds, type ScratchDatabase } from '../support/test-databases.js';

const migrationNames = readdirSync(prismaPaths.migrations, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(emptyDatabaseKinds)('migrations on %s', (_kind, create) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await create();
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it('applies every migration to an empty database, as prisma migrate deploy records them', async () => {
    expect(await applyMigrations(scratch.url)).toEqual(migrationNames);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const tables = await client.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    await client.end();
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(join(prismaPaths.migrations, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    expect(tables.rows[0].n).toBeGreaterThanOrEqual(17);
  });

  it('applies nothing to a database already migrated', async () => {
    expect(await applyMigrations(scratch.url)).toEqual([]);
  });

  it('still applies a migration added after the last start', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-migrations-'));
    cpSync(prismaPaths.migrations, folder, { recursive: true });
    const added = '29991231000000_probe_column';
    mkdirSync(join(folder, added));
    writeFileSync(
      join(folder, added, 'migration.sql'),
      'ALTER TABLE "municipality" ADD COLUMN "probe" TEXT;\n',
    );
    expect(await applyMigrations(scratch.url, folder)).toEqual([added]);
    expect(await applyMigrations(scratch.url, folder)).toEqual([]);
  });
});

describe('db:new', () => {
  it('writes no migration while the schema matches the migrations', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-migrations-'));
    cpSync(prismaPaths.migrations, folder, { recursive: true });
    expect(await createMigration('nothing', { migrationsDir: folder })).toBeNull();
    expect(readdirSync(folder).sort()).toEqual([...migrationNames, 'migration_lock.toml'].sort());
  });

  it('writes the next migration in Prisma format when the schema changes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-migrations-'));
    cpSync(prismaPaths.migrations, folder, { recursive: true });
    const schemaPath = join(folder, 'schema.prisma');
    const schema = readFileSync(prismaPaths.schema, 'utf8').replace(
      '  inAmbito      Boolean @default(true) @map("in_ambito")\n',
      '  inAmbito      Boolean @default(true) @map("in_ambito")\n  pec           String?\n',
    );
    writeFileSync(schemaPath, schema);
    const created = await createMigration('municipality pec', {
      schemaPath,
      migrationsDir: folder,
      now: new Date('2027-01-02T03:04:05Z'),
    });
    expect(created).toBe(join(folder, '20270102030405_municipality_pec'));
    const sql = readFileSync(join(created!, 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "municipality" ADD COLUMN     "pec" TEXT');
  });
});
