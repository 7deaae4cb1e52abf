import type { Logger } from 'pino';
import { openDatabase } from '../prisma/database/open-database.js';
import { PrismaOutboxStore } from '../prisma/repositories/prisma-outbox-store.js';
import { seedDemoData } from '../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../prisma/seed/reference-data.js';
import type { SportelloConfig } from './config.js';
import { HttpServer } from './http-server.js';
import { wireMail } from './mail-wiring.js';
import { wireBot } from './bot-wiring.js';
import { prepareContractDocuments, wireContracts } from './contracts-wiring.js';
import { wireScheduler } from './scheduler-wiring.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import type { Database } from '../prisma/database/database.js';
import type { EmbeddedPostgres } from '../prisma/database/embedded-postgres.js';

/** A running Sportello, as the composition root hands it back. */
export interface RunningSportello {
  readonly url: string;
  readonly timings: Readonly<Record<string, number>>;
  readonly database: Database;
  readonly mail: ReturnType<typeof wireMail>;
  readonly outbox: OutboxDispatcher;
  readonly teams: ReturnType<typeof wireBot> | null;
  readonly contracts: ReturnType<typeof wireContracts>;
  readonly scheduling: ReturnType<typeof wireScheduler> | null;
  stop(): Promise<void>;
}

/** The composition root: builds every service from the config and starts them. */
export async function startSportello(
  config: SportelloConfig,
  logger: Logger,
  startedAt = performance.now(),
  /** The embedded database, when start.ts has already set it going. */
  embeddedStarting?: Promise<EmbeddedPostgres>,
): Promise<RunningSportello> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  const documentsReady = prepareContractDocuments(config);
  documentsReady.catch(() => undefined); // awaited below; a database failure may come first
  try {
    const opened = await openDatabase(config.database, logger.child({ component: 'database' }), {
      starting: embeddedStarting,
    });
    stops.push(() => opened.close());
    const { database } = opened;
    const seedStarted = performance.now();
    await syncMunicipalities(database);
    const seeded = config.database.demoData ? await seedDemoData(database) : false;
    if (seeded) logger.info('demo data loaded');
    const seedMs = Math.round(performance.now() - seedStarted);

    const outboxStore = new PrismaOutboxStore(database);
    const outbox = new OutboxDispatcher(
      outboxStore,
      {
        pollIntervalMs: config.outbox.pollIntervalMs,
        batchSize: 20,
        leaseMs: config.outbox.leaseMs,
        maxAttempts: 12,
        // Twelve tries half an hour apart: a staff member who opens the bot today still gets the card.
        unreachableRetryMs: 30 * 60_000,
        backoffBaseMs: config.outbox.retryBaseMs,
        backoffMaxMs: 10 * 60_000,
      },
      logger.child({ component: 'outbox' }),
    );
    const mail = wireMail(config, database, outbox, logger);
    stops.push(() => mail.stop());
    stops.push(() => outbox.stop());

    const http = new HttpServer(config.http, [
      { name: 'database', check: async () => (await database.ping(), { ok: true }) },
      {
        name: 'mail',
        check: async () =>
          mail.watcher ? mail.watcher.health() : { ok: true, detail: 'watcher disattivato' },
      },
      {
        name: 'outbox',
        check: async () => ({
          ok: true,
          detail: `${await outboxStore.countPending(['email'])} e-mail in attesa`,
        }),
      },
    ]);
    let url = '';
    const contracts = wireContracts(
      config,
      await documentsReady,
      database,
      http,
      () => config.publicBaseUrl ?? url,
      logger,
    );
    const teams = config.bot.enabled ? wireBot(config, database, http, outbox, contracts, logger) : null;
    const scheduling = config.scheduler.enabled
      ? wireScheduler(config, database, opened.url, contracts, outbox, logger)
      : null;
    if (scheduling) {
      http.addHealthCheck({ name: 'scheduler', check: async () => scheduling.scheduler.health() });
    }
    const address = await http.listen();
    url = `http://${address.host}:${address.port}`;
    stops.push(() => http.close());
    outbox.start();
    mail.start();
    const schedulerStarted = performance.now();
    if (scheduling) {
      await scheduling.scheduler.start();
      stops.push(() => scheduling.scheduler.stop());
    }

    const schedulerMs = Math.round(performance.now() - schedulerStarted);
    const timings = {
      ...opened.timings,
      seedMs,
      schedulerMs,
      readyMs: Math.round(performance.now() - startedAt),
    };
    logger.info({ url, mode: config.mode, embedded: opened.embedded, ...timings }, 'ready');
    return { url, timings, database, mail, outbox, teams, contracts, scheduling, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
