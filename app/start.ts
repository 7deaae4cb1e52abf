import { isAppError } from '../domain/app-error.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startSportello } from './sportello.js';

const startedAt = performance.now();
try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const sportello = await startSportello(config, logger, startedAt);
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
