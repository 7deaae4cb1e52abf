import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { AppError } from '../../domain/app-error.js';

const run = promisify(execFile);

// pg_dump and pg_restore from PostgreSQL's client (Debian's postgresql-client, of the server's major
// version or newer). The custom format keeps everything — tables, data, sequences, the register's
// triggers, the scheduler's queue — and restores in one transaction.

/** Runs one of PostgreSQL's client programs; a failure is an AppError with `userMessage`. */
async function runClient(program: string, args: string[], userMessage: string): Promise<void> {
  try {
    await run(program, args, { timeout: 60 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new AppError('database_unavailable', `${program} failed: ${(error as Error).message}`, {
      userMessage,
      cause: error,
    });
  }
}

/** Writes a backup of the database at `url` to `file` (pg_dump, custom format). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await runClient(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`],
    'Il backup non è riuscito: verificare che pg_dump sia installato e che il database sia raggiungibile.',
  );
}

/** Restores `file` into the empty database at `url`; refuses a database that already holds tables. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (rows[0]!.tables > 0)
      throw new AppError('conflict', 'restore target is not empty', {
        userMessage:
          'Il database di destinazione contiene già delle tabelle: il ripristino si fa in un database nuovo e vuoto (createdb), poi si punta DATABASE_URL su di esso.',
      });
  } finally {
    await client.end();
  }
  await runClient(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file],
    'Il ripristino non è riuscito: nessuna modifica è stata fatta al database di destinazione.',
  );
}
