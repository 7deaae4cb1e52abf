import { existsSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../../domain/app-error.js';
import { acquireLock } from './embedded-postgres.js';

// The embedded database (PGlite) is a folder PGlite alone may open: its backup is PGlite's own dump of
// that folder (a gzipped tar, the same PGlite version reads it back). It needs Sportello stopped —
// the folder's lock says whether it runs — because a copy taken under a running cluster may not start.

/** Writes the embedded database in `dataDir` to `file` (PGlite's data-directory dump, gzip). */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!existsSync(dataDir))
    throw new AppError('not_found', `no embedded database in ${dataDir}`, {
      userMessage: `Nessun database incorporato in ${dataDir}: controllare EMBEDDED_DATA_DIR.`,
    });
  const lock = lockedWhileStopped(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    try {
      const dump = await db.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Recreates the embedded database in `dataDir` from `file`; refuses a folder that holds anything. */
export async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new AppError('conflict', `restore target ${dataDir} is not empty`, {
      userMessage: `La cartella ${dataDir} contiene già un database: il ripristino si fa in una cartella nuova (EMBEDDED_DATA_DIR), a Sportello fermo.`,
    });
  const lock = lockedWhileStopped(dataDir);
  let restored = false;
  try {
    const dump = new Blob([await readFile(file)]);
    const db = await PGlite.create(dataDir, { loadDataDir: dump });
    await db.query('SELECT 1');
    await db.close();
    restored = true;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_input', `embedded restore failed: ${(error as Error).message}`, {
      userMessage: `Il ripristino non è riuscito: ${file} non è un backup del database incorporato di questa versione.`,
      cause: error,
    });
  } finally {
    // The folder was empty or absent: what a failed restore left in it goes, so that it can be retried.
    if (!restored) rmSync(dataDir, { recursive: true, force: true });
    rmSync(lock, { force: true });
  }
}

function lockedWhileStopped(dataDir: string): string {
  try {
    return acquireLock(dataDir);
  } catch (error) {
    throw new AppError('conflict', `embedded database ${dataDir} is in use`, {
      userMessage: `Il database incorporato (${dataDir}) è in uso da Sportello: fermarlo, eseguire il comando, poi riavviarlo.`,
      cause: error,
    });
  }
}
