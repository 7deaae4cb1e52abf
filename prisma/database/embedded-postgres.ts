import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL in-process (PGlite, pure WASM) behind a socket on 127.0.0.1, so that Sportello uses
 * the very same adapter-pg code path as with a real server. One process per data directory.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
    readonly url: string,
    private readonly lockFile: string | null,
  ) {}

  /** Opens (creating on first use) the data directory, or an in-memory database with `dataDir: null`. */
  static async start(options: { dataDir: string | null; maxConnections: number }): Promise<EmbeddedPostgres> {
    const lockFile = options.dataDir ? acquireLock(options.dataDir) : null;
    try {
      const db = await PGlite.create(options.dataDir ?? undefined);
      // Every pool of the process shares these connections: size it to cover them all.
      const server = new PGLiteSocketServer({
        db,
        host: '127.0.0.1',
        port: 0,
        maxConnections: options.maxConnections,
      });
      await server.start();
      const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
      // The lock file also tells the command-line tools where the running database listens.
      if (lockFile) writeFileSync(lockFile, `${process.pid}\n${url}\n`);
      return new EmbeddedPostgres(db, server, url, lockFile);
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

// Two processes on one PGlite directory would corrupt it: a pid file keeps the second one out.
function acquireLock(dataDir: string): string {
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
