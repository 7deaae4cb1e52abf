import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clusterImageFiles,
  extractClusterImage,
  installedPgliteVersion,
  readClusterImage,
} from '../../prisma/database/cluster-image.mjs';
import { EmbeddedPostgres } from '../../prisma/database/embedded-postgres.js';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';
import { everyMigrationApplied } from '../../prisma/migrate/applied-migrations.js';
import { readMigrationList } from '../../prisma/migrate/migration-files.js';

/** What initdb decides about a cluster: version, encoding, locale, checksums and the catalogue. */
async function clusterSummary(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT version() AS version,
             current_setting('server_encoding') AS encoding,
             current_setting('data_checksums') AS checksums,
             (SELECT string_agg(datname || ':' || datcollate || ':' || datlocprovider::text, ',' ORDER BY datname) FROM pg_database) AS databases,
             (SELECT count(*)::int FROM pg_class) AS relations,
             (SELECT count(*)::int FROM pg_proc) AS functions,
             (SELECT count(*)::int FROM pg_type) AS types,
             (SELECT count(*)::int FROM pg_collation) AS collations,
             (SELECT count(*)::int FROM pg_ts_config) AS text_search_configs,
             (SELECT string_agg(extname || ':' || extversion, ',' ORDER BY extname) FROM pg_extension) AS extensions,
             (SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles) AS roles,
             (SELECT md5(string_agg(nspname || '.' || relname, ',' ORDER BY nspname, relname))
                FROM pg_class JOIN pg_namespace ON pg_namespace.oid = relnamespace) AS relation_names,
             (SELECT md5(string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, ''), ',' ORDER BY table_name, column_name))
                FROM information_schema.columns WHERE table_schema = 'public') AS columns,
             (SELECT md5(string_agg(indexdef, ',' ORDER BY indexname)) FROM pg_indexes WHERE schemaname = 'public') AS indexes,
             (SELECT string_agg(migration_name || ':' || checksum, ',' ORDER BY migration_name)
                FROM _prisma_migrations WHERE finished_at IS NOT NULL) AS migrations`);
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('the embedded cluster image', () => {
  const started: EmbeddedPostgres[] = [];
  afterAll(async () => {
    for (const embedded of started) await embedded.stop();
  });
  const start = async (options: Parameters<typeof EmbeddedPostgres.start>[0]) => {
    const embedded = await EmbeddedPostgres.start(options);
    started.push(embedded);
    return embedded;
  };
  const scratchDir = () => join(mkdtempSync(join(tmpdir(), 'sportello-cluster-')), 'pglite');

  it('was made by the installed PGlite (else `npm run db:cluster-image`)', () => {
    const manifest = JSON.parse(readFileSync(clusterImageFiles.manifest, 'utf8'));
    expect(manifest.pglite).toBe(installedPgliteVersion());
    expect(readClusterImage()).toHaveProperty('tar');
  });

  it('keeps 32 MB of shared buffers, which every start zeroes (PGlite: 128 MB)', async () => {
    const embedded = await start({ dataDir: null, maxConnections: 4 });
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT current_setting('shared_buffers') AS buffers`);
      expect(rows[0]).toEqual({ buffers: '32MB' });
    } finally {
      await client.end();
    }
  });

  it('gives the same cluster as initdb and every migration', async () => {
    const [fromImage, fromInitdb] = await Promise.all([
      start({ dataDir: null, maxConnections: 4 }),
      start({ dataDir: null, maxConnections: 4, useClusterImage: false }),
    ]);
    expect(fromImage.created?.from).toBe('image');
    expect(fromInitdb.created?.from).toBe('initdb');
    await applyMigrations(fromInitdb.url);
    const [imageSummary, initdbSummary] = await Promise.all([
      clusterSummary(fromImage.url),
      clusterSummary(fromInitdb.url),
    ]);
    expect(imageSummary.version).toMatch(/^PostgreSQL 18/);
    expect(imageSummary.migrations).toContain('_init:');
    expect(imageSummary).toEqual(initdbSummary);
  }, 90_000);

  it('holds every migration of this checkout (else `npm run db:cluster-image`)', async () => {
    const embedded = await start({ dataDir: null, maxConnections: 4 });
    expect(await everyMigrationApplied(embedded.url, readMigrationList())).toBe(true);
  });

  it('writes only inside the data directory, files and directories only', () => {
    const entry = (name: string, type: string) => {
      const header = Buffer.alloc(1024); // the header, then the closing block
      header.write(name, 0);
      header.write('00000000000\0', 124);
      header.write(type, 156);
      return header;
    };
    const dataDir = scratchDir();
    expect(() => extractClusterImage(entry('../fuori', '0'), dataDir)).toThrow(/outside the data directory/);
    expect(() => extractClusterImage(entry('/collegamento', '2'), dataDir)).toThrow(/neither a file nor/);
    expect(existsSync(join(dataDir, '..', 'fuori'))).toBe(false);
  });

  it('is refused when damaged or made by another PGlite, so that initdb runs instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-image-'));
    const files = { image: join(dir, 'image.tar.br'), manifest: join(dir, 'image.json') };
    const image = readFileSync(clusterImageFiles.image);
    image[image.length >> 1]! ^= 0xff;
    writeFileSync(files.image, image);
    copyFileSync(clusterImageFiles.manifest, files.manifest);
    expect(readClusterImage(files)).toEqual({ unusable: expect.stringMatching(/damaged/) });

    copyFileSync(clusterImageFiles.image, files.image);
    const manifest = JSON.parse(readFileSync(clusterImageFiles.manifest, 'utf8'));
    writeFileSync(files.manifest, JSON.stringify({ ...manifest, pglite: '0.0.1' }));
    expect(readClusterImage(files)).toEqual({ unusable: expect.stringMatching(/PGlite 0\.0\.1/) });
  });

  it('creates a data directory once, then opens it as it is', async () => {
    const dataDir = scratchDir();
    const first = await EmbeddedPostgres.start({ dataDir, maxConnections: 4 });
    expect(first.created).toEqual({ from: 'image' });
    // Personal data: the files are the service user's alone.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'PG_VERSION')).mode & 0o777).toBe(0o600);
    expect(await everyMigrationApplied(first.url, readMigrationList())).toBe(true);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('ancora qui')`);
    await client.end();
    await first.stop();
    expect(existsSync(`${dataDir}.creating`)).toBe(false);

    const again = await start({ dataDir, maxConnections: 4 });
    expect(again.created).toBeNull();
    const reader = new pg.Client({ connectionString: again.url });
    await reader.connect();
    expect((await reader.query('SELECT note FROM kept')).rows).toEqual([{ note: 'ancora qui' }]);
    await reader.end();
  }, 60_000);

  it('sets a creation cut short aside, whole, and creates the database again', async () => {
    const dataDir = scratchDir();
    mkdirSync(join(dataDir, 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
    writeFileSync(`${dataDir}.creating`, '12345\n');
    const embedded = await start({ dataDir, maxConnections: 4 });
    const setAside = embedded.created?.setAside;
    expect(setAside).toMatch(/pglite\.incomplete-/);
    expect(readFileSync(join(setAside!, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(existsSync(`${dataDir}.creating`)).toBe(false);
    const summary = await clusterSummary(embedded.url);
    expect(summary.version).toMatch(/^PostgreSQL 18/);
  }, 60_000);

  it('refuses, in Italian, a folder of other files that holds no database', async () => {
    const dataDir = scratchDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'appunti.txt'), 'non un database');
    await expect(EmbeddedPostgres.start({ dataDir, maxConnections: 4 })).rejects.toMatchObject({
      code: 'database_unavailable',
      userMessage: expect.stringMatching(/contiene già altri file e nessun database/),
    });
    expect(readFileSync(join(dataDir, 'appunti.txt'), 'utf8')).toBe('non un database');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
