import type { Logger } from 'pino';
import type { SportelloConfig } from './config.js';
import { HttpServer } from './http-server.js';

/** A running Sportello, as the composition root hands it back. */
export interface RunningSportello {
  readonly url: string;
  stop(): Promise<void>;
}

/** The composition root: builds every service from the config and starts them. */
export async function startSportello(
  config: SportelloConfig,
  logger: Logger,
  startedAt = performance.now(),
): Promise<RunningSportello> {
  const http = new HttpServer(config.http, []);
  const address = await http.listen();
  const url = `http://${address.host}:${address.port}`;
  logger.info({ url, mode: config.mode, startMs: Math.round(performance.now() - startedAt) }, 'ready');
  return {
    url,
    async stop() {
      await http.close();
    },
  };
}
