import type { Logger } from 'pino';
import { openDatabase } from '../prisma/database/open-database.js';
import { PrismaOutboxStore } from '../prisma/repositories/prisma-outbox-store.js';
import { PrismaTemplateChecks } from '../prisma/repositories/prisma-template-checks.js';
import { seedDemoData } from '../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../prisma/seed/reference-data.js';
import { seedingDone } from '../prisma/seed/seeding-done.js';
import { seedDemoCounterparts } from '../prisma/seed/demo-counterparts.js';
import type { SportelloConfig } from './config.js';
import { HttpServer } from './http-server.js';
import type { SportelloMetrics } from './metrics.js';
import type { WiredMail } from './mail-wiring.js';
import { DeferredBot } from './deferred-bot.js';
import type { BotTurns } from '../bot/teams/bot-endpoint.js';
import { prepareContractDocuments, wireContracts } from './contracts-wiring.js';
import { wireConsole } from './console-wiring.js';
import { wireCalendar, wireScheduler } from './scheduler-wiring.js';
import { OutboxDispatcher } from '../services/outbox/outbox-dispatcher.js';
import type { Database } from '../prisma/database/database.js';
import type { EmbeddedPostgres } from '../prisma/database/embedded-postgres.js';

/** A running Sportello, as the composition root hands it back. */
export interface RunningSportello {
  readonly url: string;
  readonly timings: Readonly<Record<string, number>>;
  readonly database: Database;
  /** The mail side, once its libraries have loaded (right after `ready`); null if they failed to. */
  readonly mail: Promise<WiredMail | null>;
  readonly outbox: OutboxDispatcher;
  /** The Teams bot, once its libraries have loaded (right after `ready`); null if disabled or failed. */
  readonly teams: Promise<BotTurns | null>;
  readonly contracts: ReturnType<typeof wireContracts>;
  /** The calendar, turned by the scheduler when it is enabled (and by tests at the dates they choose). */
  readonly calendar: ReturnType<typeof wireCalendar>;
  readonly scheduler: ReturnType<typeof wireScheduler> | null;
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
  const opening = openDatabase(config.database, logger.child({ component: 'database' }), {
    starting: embeddedStarting,
  });
  // The templates are read meanwhile, and checked unless the database has seen them valid before.
  const documentsReady = prepareContractDocuments(
    config,
    opening.then((opened) => new PrismaTemplateChecks(opened.database)),
  );
  documentsReady.catch(() => undefined); // awaited below; a database failure may come first
  try {
    const opened = await opening;
    stops.push(() => opened.close());
    const { database } = opened;
    const seedStarted = performance.now();
    await seed(config, opened.url, database, logger);
    const seedMs = Math.round(performance.now() - seedStarted);

    const { store: outboxStore, dispatcher: outbox } = wireOutbox(config, database, logger);
    stops.push(() => outbox.stop());
    const mail: MailSlot = { wired: null, failure: null };

    const http = new HttpServer(config.http, healthChecks(database, mail, outboxStore), logger);
    // OpenTelemetry loads only when metrics are asked for: an installation without them starts without it.
    const wantsMetrics = config.metrics.prometheus || config.metrics.otlpEndpoint !== null;
    const metricsModule = wantsMetrics ? await import('./metrics.js') : null;
    const metrics =
      metricsModule?.SportelloMetrics.start(config.metrics, http.app, {
        outbox: () => outboxStore.backlog(),
        databasePool: () => database.poolStats(),
        readerLoad: () => {
          const reader = mail.wired?.reader;
          return reader && 'load' in reader ? reader.load() : null;
        },
      }) ?? null;
    if (metrics) stops.push(() => metrics.stop());
    let url = '';
    const documents = await documentsReady;
    stops.push(async () => {
      documents.pdf?.close?.();
      await documents.templates.close?.();
    });
    const contracts = wireContracts(
      config,
      documents,
      database,
      http,
      outbox,
      () => config.publicBaseUrl ?? url,
      logger,
    );
    const bot = config.bot.enabled ? DeferredBot.mount(config, http, logger, metrics?.turnListener) : null;
    // The mail side loads after ready: the console reads its intake when a message is read again.
    wireConsole(
      config,
      database,
      http,
      contracts.actions,
      outbox,
      () => mail.wired?.intake ?? null,
      () => mail.wired?.reader ?? null,
    );
    const calendar = wireCalendar(config, database, contracts, outbox, logger);
    const scheduler = config.scheduler.enabled ? wireScheduler(config, opened.url, calendar, logger) : null;
    if (scheduler) http.addHealthCheck({ name: 'scheduler', check: async () => scheduler.health() });
    const address = await http.listen();
    url = `http://${address.host}:${address.port}`;
    stops.push(() => http.close());
    const timings = { ...opened.timings, seedMs, readyMs: Math.round(performance.now() - startedAt) };
    warnOfWeakSettings(config, logger);
    logger.info({ url, mode: config.mode, embedded: opened.embedded, ...timings }, 'ready');

    const teams = bot?.load(database, outbox, contracts) ?? Promise.resolve(null);
    stops.push(async () => void (await teams));
    const mailStarted = startBackgroundWork({
      config,
      database,
      outbox,
      scheduler,
      contracts,
      mail,
      metrics,
      stops,
      logger,
    });
    return {
      url,
      timings,
      database,
      mail: mailStarted,
      outbox,
      teams,
      contracts,
      calendar,
      scheduler,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The 48 Comuni, and the demo data and demo registry when asked for (skipped when already there). */
async function seed(config: SportelloConfig, url: string, database: Database, logger: Logger) {
  const { demoData, demoCounterparts } = config.database;
  if (await seedingDone(url, demoData, demoCounterparts)) return;
  await syncMunicipalities(database);
  if (demoData && (await seedDemoData(database))) logger.info('demo data loaded');
  if (demoCounterparts && (await seedDemoCounterparts(database)))
    logger.info('demo registry of counterparts loaded');
}

/** Settings that start but leave a door open are said loudly at every start. */
function warnOfWeakSettings(config: SportelloConfig, logger: Logger) {
  if (config.mode === 'production' && config.mail.senderCheck.mode === 'off')
    logger.warn(
      'MAIL_AUTHENTICATION is off (no MAIL_AUTHSERV_ID): senders are believed by their From header alone (see SECURITY.md)',
    );
  if (config.mode === 'production' && !config.mail.pecTrustedProviders)
    logger.warn(
      'PEC_TRUSTED_PROVIDERS is not set: no PEC envelope is certified, PEC mail is read as ordinary mail (see SECURITY.md)',
    );
  if (config.developmentOnNetwork)
    logger.warn(
      { host: config.http.host },
      'DEVELOPMENT MODE ON A NETWORK ADDRESS: no Teams token is checked and every caller is believed',
    );
}

/** What /health reports from the start: the database, the mail side, the e-mails waiting. */
function healthChecks(database: Database, mail: MailSlot, outboxStore: PrismaOutboxStore) {
  return [
    { name: 'database', check: async () => (await database.ping(), { ok: true }) },
    {
      name: 'mail',
      check: async () =>
        mail.wired
          ? (mail.wired.watcher?.health() ?? { ok: true, detail: 'watcher disattivato' })
          : { ok: false, detail: mail.failure ?? 'in avvio' },
    },
    {
      name: 'ocr',
      check: async () => mail.wired?.ocrHealth ?? { ok: true, detail: 'in avvio' },
    },
    {
      name: 'outbox',
      check: async () => ({
        ok: true,
        detail: `${await outboxStore.countPending(['email'])} e-mail in attesa`,
      }),
    },
  ];
}

/** The outbox on the database, and its dispatcher with the retry policy of the installation. */
function wireOutbox(config: SportelloConfig, database: Database, logger: Logger) {
  const store = new PrismaOutboxStore(database);
  const dispatcher = new OutboxDispatcher(
    store,
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
  return { store, dispatcher };
}

/** Where the composition root keeps the mail side once it has loaded (or why it did not). */
interface MailSlot {
  wired: WiredMail | null;
  failure: string | null;
}

/**
 * The background workers start once Sportello is ready, that is once it serves every endpoint:
 * the calendar, the outbox sender and the mail side, whose libraries (IMAP, MIME, PDF, DOCX) load
 * first. Nothing waits on them meanwhile: jobs keep in the database, e-mails queued meanwhile wait
 * in the outbox for their channel, messages in the inbox; /health reports each until it runs.
 */
function startBackgroundWork(parts: {
  config: SportelloConfig;
  database: Database;
  outbox: OutboxDispatcher;
  scheduler: ReturnType<typeof wireScheduler> | null;
  contracts: ReturnType<typeof wireContracts>;
  mail: MailSlot;
  metrics: SportelloMetrics | null;
  stops: (() => Promise<void>)[];
  logger: Logger;
}): Promise<WiredMail | null> {
  const { config, database, outbox, scheduler, contracts, mail, metrics, stops, logger } = parts;
  outbox.start();
  stops.push(() => contracts.documentQueue.stop());
  if (scheduler) {
    const started = scheduler
      .start()
      .catch((error) => logger.error({ err: error }, 'scheduler failed to start'));
    stops.push(async () => {
      await started;
      await scheduler.stop();
    });
  }
  const mailStarted = (async () => {
    try {
      const { wireMail, prepareOcr } = await import('./mail-wiring.js');
      const ocr = await prepareOcr(config);
      mail.wired = wireMail(config, database, outbox, contracts.documentQueue, logger, ocr);
      const { reader } = mail.wired;
      if (metrics && 'onRead' in reader) reader.onRead(metrics.readListener);
      if (metrics) mail.wired.intake.onOutcome(metrics.intakeListener);
      mail.wired.start();
      outbox.wake();
      return mail.wired;
    } catch (error) {
      mail.failure = `posta non avviata: ${(error as Error).message}`;
      logger.error({ err: error }, 'mail side failed to start');
      return null;
    }
  })();
  // What a restart left unwritten waits for the mail side: a backlog in the inbox comes first.
  contracts.documentQueue.holdUntil(mailStarted);
  contracts.documentQueue
    .catchUp()
    .catch((error) => logger.error({ err: error }, 'contract documents not caught up'));
  stops.push(async () => (await mailStarted)?.stop());
  return mailStarted;
}
