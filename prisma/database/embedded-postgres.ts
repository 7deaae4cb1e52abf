import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/app-error.js';

/** How a new cluster was made, when the directory held none. */
export interface ClusterCreation {
  /** From the cluster image (see cluster-image.mjs), or by PGlite's initdb. */
  readonly from: 'image' | 'initdb';
  /** Where an earlier creation that was cut short was moved. */
  readonly setAside?: string;
}

type WorkerReport =
  | { listening: string; created: ClusterCreation | null; imageUnusable: string | null }
  /** userMessage: when the thread can tell the user what to do, in Italian. */
  | { failed: string; userMessage?: string }
  | { stopped: true };

/**
 * PostgreSQL in the same process (PGlite, pure WASM) on its own worker thread, behind a socket on
 * 127.0.0.1, so that Sportello uses the very same adapter-pg code path as with a real server.
 * One process per data directory.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly worker: Worker,
    /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
    readonly url: string,
    private readonly lockFile: string | null,
    /** From the call to listening: a new cluster on a fresh directory, recovery on an existing one. */
    readonly startMs: number,
    /** Null when the directory already held the database. */
    readonly created: ClusterCreation | null,
    /** Why the cluster image was not used, when initdb had to run instead. */
    readonly imageUnusable: string | null,
  ) {}

  /** Opens (creating on first use) the data directory, or an in-memory database with `dataDir: null`. */
  static async start(options: {
    dataDir: string | null;
    maxConnections: number;
    /** false: a new cluster comes from initdb, without a table (the migrations' tests, db:new's shadow database). */
    useClusterImage?: boolean;
  }): Promise<EmbeddedPostgres> {
    const started = performance.now();
    const lockFile = options.dataDir ? acquireLock(options.dataDir) : null;
    // Every pool of the process shares the socket's connections: maxConnections covers them all.
    const worker = new Worker(new URL('./embedded-postgres-worker.mjs', import.meta.url), {
      workerData: {
        dataDir: options.dataDir,
        maxConnections: options.maxConnections,
        useClusterImage: options.useClusterImage ?? true,
      },
    });
    try {
      const report = await firstReport(worker);
      if (!('listening' in report)) {
        const reason = 'failed' in report ? report.failed : 'motivo sconosciuto';
        throw new AppError('database_unavailable', `Embedded PostgreSQL did not start: ${reason}`, {
          userMessage:
            ('userMessage' in report ? report.userMessage : undefined) ??
            `Il database incorporato non si è avviato (${reason}).`,
        });
      }
      const url = `postgresql://postgres@${report.listening}/postgres`;
      // The lock file also tells the command-line tools where the running database listens.
      if (lockFile) writeFileSync(lockFile, `${process.pid}\n${url}\n`);
      return new EmbeddedPostgres(
        worker,
        url,
        lockFile,
        Math.round(performance.now() - started),
        report.created,
        report.imageUnusable,
      );
    } catch (error) {
      await worker.terminate();
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** Closes the socket and PGlite (which flushes its files), then lets the thread end. */
  async stop(): Promise<void> {
    const exited = once(this.worker, 'exit');
    this.worker.postMessage('stop');
    await exited;
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

// Pools sharing the embedded socket: the app's, the job queue's, and the migration engine's.
const embeddedConnectionBudget = 24;

/** Starts Sportello's embedded database on `dataDir` (a light import, for start.ts to call first). */
export function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  return EmbeddedPostgres.start({ dataDir, maxConnections: embeddedConnectionBudget });
}

async function firstReport(worker: Worker): Promise<WorkerReport> {
  const [report] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => [{ failed: (error as Error).message }]),
    once(worker, 'exit').then(([code]) => [{ failed: `thread ended with code ${String(code)}` }]),
  ])) as [WorkerReport];
  return report;
}

/**
 * Two processes on one PGlite directory would corrupt it: a pid file keeps the second one out.
 * Returns the lock file, to remove when done; throws, in Italian, when a live process holds it.
 */
export function acquireLock(dataDir: string): string {
  mkdirSync(dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new AppError('database_unavailable', `Embedded database ${dataDir} is locked by pid ${owner}`, {
          userMessage: `Il database incorporato (${dataDir}) è già in uso da un altro processo Sportello (pid ${owner}): fermarlo prima di riprovare.`,
        });
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new AppError('database_unavailable', `Cannot lock embedded database ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The address of the embedded database another Sportello process is serving from `dataDir`, so
 * that a command (`npm run jobs`, `history`, `import:hours`) can work beside a running Sportello.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const [pid, url] = readFileSync(`${dataDir}.lock`, 'utf8').split('\n');
    const owner = Number(pid);
    return url && Number.isInteger(owner) && owner !== process.pid && isAlive(owner) ? url : null;
  } catch {
    return null;
  }
}
