import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startSportello } from '../../app/sportello.js';
import { scratchPglite, type ScratchDatabase } from './test-databases.js';

/** Sportello started in this process on the given environment (quiet logs, random HTTP port). */
export async function startInProcess(env: Record<string, string>) {
  const config = loadConfig({
    HTTP_PORT: '0',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_INTERVAL_MS: '200',
    // The fictitious offices of the 48 Comuni the test mails come from (refused in production).
    ...(env.SPORTELLO_MODE === 'production' ? {} : { DEMO_COUNTERPARTS: 'true' }),
    ...env,
  });
  return startSportello(config, createLogger(config.logLevel));
}

/** Sportello in this process on the demo data, in a scratch database (embedded unless said), mail and calendar off. */
export async function startOnDemoData(
  env: Record<string, string> = {},
  database: () => Promise<ScratchDatabase> = scratchPglite,
) {
  const scratch = await database();
  const sportello = await startInProcess({
    DATABASE_URL: scratch.url,
    DATABASE_MIGRATE_ON_START: 'true',
    DEMO_DATA: 'true',
    MAIL_WATCHER_ENABLED: 'false',
    SCHEDULER_ENABLED: 'false',
    ...env,
  });
  return { scratch, sportello };
}
