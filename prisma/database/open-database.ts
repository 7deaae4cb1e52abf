import type { Logger } from 'pino';
import { applyMigrations } from '../migrate/apply-migrations.js';
import { Database } from './database.js';
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

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
  /** Where it listens, for the other clients of the same database (the job queue). */
  readonly url: string;
  readonly embedded: boolean;
  readonly timings: { readonly openMs: number; readonly migrateMs: number };
  readonly appliedMigrations: readonly string[];
  close(): Promise<void>;
}

/** How to get at the embedded database, when no URL is configured. */
export interface EmbeddedChoice {
  /** For command-line tools: use the embedded database a running Sportello serves, if there is one. */
  readonly shareRunning?: boolean;
  /** Already starting (see `startEmbeddedPostgres`), so that its thread works while modules load. */
  readonly starting?: Promise<EmbeddedPostgres>;
}

/** Opens the configured PostgreSQL, or starts the embedded one, and brings its schema up to date. */
export async function openDatabase(
  options: DatabaseOptions,
  logger: Logger,
  choice: EmbeddedChoice = {},
): Promise<OpenedDatabase> {
  const running = choice.shareRunning && !options.url ? runningEmbeddedUrl(options.embeddedDataDir) : null;
  if (running) {
    const database = new Database(running, { poolSize: 2 });
    return {
      database,
      url: running,
      embedded: true,
      timings: { openMs: 0, migrateMs: 0 },
      appliedMigrations: [],
      close: () => database.close(),
    };
  }
  const started = performance.now();
  const embedded = options.url
    ? null
    : await (choice.starting ?? startEmbeddedPostgres(options.embeddedDataDir));
  const url = options.url ?? embedded!.url;
  const opened = performance.now();
  if (embedded?.imageUnusable) {
    logger.warn({ reason: embedded.imageUnusable }, 'cluster image not used: initdb ran instead');
  }
  if (embedded?.created) {
    const { from, setAside } = embedded.created;
    logger.info({ createdFrom: from, setAside }, 'embedded database created');
  }
  const database = new Database(url, { poolSize: options.poolSize });
  // On a new database, Prisma's first query (the seed's) builds the client and starts its engine,
  // a quarter of a second of this thread, which otherwise waits on the database thread while the
  // migrations are checked (and applied, when the cluster image lacks some): start both at once. An
  // existing database needs neither before `ready`.
  const engineStarted = embedded?.created ? database.ping().catch(() => undefined) : undefined;
  let appliedMigrations: string[] = [];
  try {
    if (embedded || options.migrateOnStart) appliedMigrations = await applyMigrations(url);
    await engineStarted;
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  const migrated = performance.now();
  if (appliedMigrations.length > 0) logger.info({ migrations: appliedMigrations }, 'migrations applied');
  return {
    database,
    url,
    embedded: embedded !== null,
    timings: {
      openMs: embedded?.startMs ?? Math.round(opened - started),
      migrateMs: Math.round(migrated - opened),
    },
    appliedMigrations,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}
