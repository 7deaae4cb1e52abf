// The embedded PostgreSQL's own thread: PGlite runs its WASM here, so its work (initdb on a fresh
// directory, every query afterwards) never blocks the event loop that serves the bot and the mail.
// Plain JavaScript because worker threads do not inherit the TypeScript loader of the test runner.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { withExtendedQueryAffinity } from './extended-query-affinity.mjs';

/** @type {{ dataDir: string | null; maxConnections: number }} */
const options = workerData;

try {
  const db = await PGlite.create(options.dataDir ?? undefined);
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
  parentPort?.postMessage({ listening: server.getServerConn() });
} catch (error) {
  parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  parentPort?.close();
}
