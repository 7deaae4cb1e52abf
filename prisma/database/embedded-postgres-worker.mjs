// The embedded PostgreSQL's own thread: PGlite runs its WASM here, so its work (creating the
// cluster on a fresh directory, every query afterwards) never blocks the event loop that serves
// the bot and the mail. Plain JavaScript because worker threads do not inherit the TypeScript
// loader of the test runner.
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Blob } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { extractClusterImage, initdbArgs, readClusterImage } from './cluster-image.mjs';
import { withExtendedQueryAffinity } from './extended-query-affinity.mjs';

/** @type {{ dataDir: string | null; maxConnections: number; useClusterImage: boolean }} */
const options = workerData;

// PostgreSQL zeroes its shared memory at every start, and in WebAssembly that is a byte loop:
// PGlite's 128 MB of shared buffers (145 MB in all) cost ~0.5 s of every start on a small machine.
// An office's working set (requests, projects, hours; the messages' bytes are read rarely) fits
// in 32 MB, and pages beyond it come from the operating system's file cache.
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

try {
  const creation = prepareCreation(options.dataDir);
  const image = creation && options.useClusterImage ? readClusterImage() : null;
  const tar = image && 'tar' in image ? image.tar : null;
  // A directory gets the image's files written by Node, then opens as it will at every start;
  // an in-memory database (the tests') takes them through PGlite.
  if (tar && options.dataDir) extractClusterImage(tar, options.dataDir);
  const db = await PGlite.create(options.dataDir ?? undefined, {
    initDbStartParams: initdbArgs,
    startParams,
    ...(tar && !options.dataDir ? { loadDataDir: new Blob([tar]) } : {}),
  });
  if (creation?.marker) rmSync(creation.marker, { force: true });
  const server = new PGLiteSocketServer({
    db: withExtendedQueryAffinity(db),
    host: '127.0.0.1',
    port: 0,
    maxConnections: options.maxConnections,
  });
  await server.start();
  parentPort?.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    parentPort?.postMessage({ stopped: true });
    parentPort?.close();
  });
  parentPort?.postMessage({
    listening: server.getServerConn(),
    created: creation ? { from: tar ? 'image' : 'initdb', ...creation.report } : null,
    imageUnusable: image && 'unusable' in image ? image.unusable : null,
  });
} catch (error) {
  parentPort?.postMessage({
    failed: error instanceof Error ? error.message : String(error),
    userMessage: error instanceof Error && 'userMessage' in error ? error.userMessage : undefined,
  });
  parentPort?.close();
}

/**
 * Null when the directory already holds a finished cluster. Otherwise the directory is made
 * ready for a new one: a creation cut short (its marker file is still there) is moved aside
 * whole, never deleted, and a folder of someone else's files is refused.
 * @param {string | null} dataDir
 */
function prepareCreation(dataDir) {
  if (dataDir === null) return { marker: null, report: {} };
  const marker = `${dataDir}.creating`;
  const interrupted = existsSync(marker);
  if (!interrupted && existsSync(join(dataDir, 'PG_VERSION'))) return null;
  /** @type {{ setAside?: string }} */
  const report = {};
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!interrupted) {
      throw Object.assign(new Error(`${dataDir} is not empty and holds no database`), {
        userMessage: `La cartella del database incorporato (${dataDir}) contiene già altri file e nessun database: indicarne una vuota con EMBEDDED_DATA_DIR.`,
      });
    }
    report.setAside = `${dataDir}.incomplete-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, report.setAside);
  }
  writeFileSync(marker, `${process.pid}\n`);
  return { marker, report };
}
