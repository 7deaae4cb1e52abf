import type { Logger } from 'pino';
import { openDatabase } from '../prisma/database/open-database.js';
import { seedDemoData } from '../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../prisma/seed/reference-data.js';
import type { SportelloConfig } from './config.js';
import { HttpServer } from './http-server.js';

/** A running Sportello, as the composition root hands it back. */
export interface RunningSportello {
  readonly url: string;
  readonly timings: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

/** The composition root: builds every service from the config and starts them. */
export async function startSportello(
  config: SportelloConfig,
  logger: Logger,
  startedAt = performance.now(),
): Promise<RunningSportello> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const opened = await openDatabase(config.database, logger.child({ component: 'database' }));
    stops.push(() => opened.close());
    const { database } = opened;
    const seedStarted = performance.now();
    await syncMunicipalities(database);
    const seeded = config.database.demoData ? await seedDemoData(database) : false;
    if (seeded) logger.info('demo data loaded');
    const seedMs = Math.round(performance.now() - seedStarted);

    const http = new HttpServer(config.http, [
      { name: 'database', check: async () => (await database.ping(), { ok: true }) },
    ]);
    const address = await http.listen();
    stops.push(() => http.close());

    const url = `http://${address.host}:${address.port}`;
    const timings = { ...opened.timings, seedMs, readyMs: Math.round(performance.now() - startedAt) };
    logger.info({ url, mode: config.mode, embedded: opened.embedded, ...timings }, 'ready');
    return { url, timings, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
