import { isAppError } from '../domain/app-error.js';
import { startEmbeddedPostgres } from '../prisma/database/embedded-postgres.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

const startedAt = performance.now();
try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // The embedded database starts on its own thread first; the bot, mail and document libraries
  // load meanwhile (a second or more each on a small machine, so doing both at once halves the wait).
  const embeddedStarting = config.database.url
    ? undefined
    : startEmbeddedPostgres(config.database.embeddedDataDir);
  embeddedStarting?.catch(() => undefined); // awaited by startSportello
  const { startSportello } = await import('./sportello.js');
  const sportello = await startSportello(config, logger, startedAt, embeddedStarting);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await sportello.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  const message = isAppError(error) ? `${error.userMessage} (${error.message})` : String(error);
  process.stderr.write(`Sportello non è partito: ${message}\n`);
  process.exit(1);
}
