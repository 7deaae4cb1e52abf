import type { Logger } from 'pino';
import { applyMigrations } from '../migrate/apply-migrations.js';
import { Database } from './database.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseOptions {
  /** A PostgreSQL URL, or null for the embedded PGlite. */
  readonly url: string | null;
  /** Data directory of the embedded database. */
  readonly embeddedDataDir: string;
  readonly poolSize: number;
  /** Apply pending migrations before opening (always done for the embedded database). */
  readonly migrateOnStart: boolean;
}

/** An open database and how long it took to get there. */
export interface OpenedDatabase {
  readonly database: Database;
  readonly embedded: boolean;
  readonly timings: { readonly openMs: number; readonly migrateMs: number };
  readonly appliedMigrations: readonly string[];
  close(): Promise<void>;
}

// Pools sharing the embedded socket: the app's, the job queue's, and the migration engine's.
const embeddedConnectionBudget = 24;

/** Opens the configured PostgreSQL, or starts the embedded one, and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<OpenedDatabase> {
  const started = performance.now();
  const embedded = options.url
    ? null
    : await EmbeddedPostgres.start({
        dataDir: options.embeddedDataDir,
        maxConnections: embeddedConnectionBudget,
      });
  const url = options.url ?? embedded!.url;
  const opened = performance.now();
  let appliedMigrations: string[] = [];
  try {
    if (embedded || options.migrateOnStart) appliedMigrations = await applyMigrations(url);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const migrated = performance.now();
  if (appliedMigrations.length > 0) logger.info({ migrations: appliedMigrations }, 'migrations applied');
  const database = new Database(url, { poolSize: options.poolSize });
  return {
    database,
    embedded: embedded !== null,
    timings: { openMs: Math.round(opened - started), migrateMs: Math.round(migrated - opened) },
    appliedMigrations,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}
