import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Database } from '../../prisma/database/database.js';
import { EmbeddedPostgres } from '../../prisma/database/embedded-postgres.js';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';

/** The PostgreSQL server every developer and CI machine runs (trust auth). */
export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A new database (the embedded kind comes migrated, as a new installation's does) and how to get rid of it. */
export interface ScratchDatabase {
  readonly kind: 'pglite' | 'postgresql';
  readonly url: string;
  drop(): Promise<void>;
}

/** A new database on the local PostgreSQL server, dropped afterwards. */
export async function scratchPostgres(): Promise<ScratchDatabase> {
  const name = `sportello_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgresql',
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A new in-memory PGlite behind its socket, as the embedded default runs it: from the cluster image, migrated. */
export async function scratchPglite(): Promise<ScratchDatabase> {
  const embedded = await EmbeddedPostgres.start({ dataDir: null, maxConnections: 24 });
  return { kind: 'pglite', url: embedded.url, drop: () => embedded.stop() };
}

/** A new in-memory PGlite fresh from initdb, without a table (seconds slower: for the migrations' tests). */
export async function emptyPglite(): Promise<ScratchDatabase> {
  const embedded = await EmbeddedPostgres.start({
    dataDir: null,
    maxConnections: 24,
    useClusterImage: false,
  });
  return { kind: 'pglite', url: embedded.url, drop: () => embedded.stop() };
}

export const databaseKinds = [
  ['pglite', scratchPglite],
  ['postgresql', scratchPostgres],
] as const;

/** Both kinds without a table: what the migrations' own tests start from. */
export const emptyDatabaseKinds = [
  ['pglite', emptyPglite],
  ['postgresql', scratchPostgres],
] as const;

/** A migrated scratch database with a Prisma client on it. */
export async function migratedDatabase(create: () => Promise<ScratchDatabase>, poolSize = 8) {
  const scratch = await create();
  await applyMigrations(scratch.url);
  const database = new Database(scratch.url, { poolSize });
  return {
    scratch,
    database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A migrated scratch database with the 48 Comuni and the provider the test forms name (Il Girasole). */
export async function officeDatabase(create: () => Promise<ScratchDatabase>) {
  const db = await migratedDatabase(create);
  await syncMunicipalities(db.database);
  await db.database.prisma.provider.create({
    data: { name: 'Coop. Sociale Il Girasole', email: 'contratti@girasole.example' },
  });
  return db;
}
