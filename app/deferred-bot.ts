import type { Logger } from 'pino';
import { mountBotEndpoint, type BotTurns } from '../bot/teams/bot-endpoint.js';
import { assertBotCredentials } from '../bot/teams/bot-options.js';
import type { Database } from '../prisma/database/database.js';
import type { OutboxDispatcher } from '../services/outbox/outbox-dispatcher.js';
import type { SportelloConfig } from './config.js';
import type { wireContracts } from './contracts-wiring.js';
import type { ComponentHealth } from './health.js';
import type { HttpServer } from './http-server.js';

/**
 * The Teams bot, in two steps. Before `ready`, its credentials are checked (a production bot
 * without them stops the start, as before) and its endpoint is mounted; right after `ready` its
 * libraries load — botbuilder, teams-ai and their recognizers are two thirds of the server's code,
 * ~0.7 s of a small machine's start — and the bot and its outbox channel are wired. A request that
 * arrives meanwhile waits for them; Teams messages queued meanwhile wait in the outbox.
 */
export class DeferredBot {
  private failure: string | null = null;
  private loaded = false;
  private settle!: { resolve(turns: BotTurns): void; reject(error: Error): void };
  private readonly turns = new Promise<BotTurns>((resolve, reject) => (this.settle = { resolve, reject }));

  private constructor(
    private readonly config: SportelloConfig,
    private readonly logger: Logger,
  ) {}

  /** Checks the bot's credentials and mounts its endpoint on the HTTP server. */
  static mount(
    config: SportelloConfig,
    http: HttpServer,
    logger: Logger,
    onTurn?: (turn: { seconds: number; type: string }) => void,
  ): DeferredBot {
    assertBotCredentials(config.bot);
    const deferred = new DeferredBot(config, logger.child({ component: 'bot' }));
    mountBotEndpoint(http.app, deferred.turns, config.bot, deferred.logger, onTurn);
    http.addHealthCheck({ name: 'teams', check: async () => deferred.health() });
    return deferred;
  }

  /** Loads the bot's libraries and wires it; the Teams channel of the outbox opens with it. */
  async load(
    database: Database,
    outbox: OutboxDispatcher,
    contracts: ReturnType<typeof wireContracts>,
  ): Promise<BotTurns | null> {
    try {
      const { wireBot } = await import('./bot-wiring.js');
      const turns = wireBot(this.config, database, outbox, contracts, this.logger);
      this.loaded = true;
      this.settle.resolve(turns);
      outbox.wake();
      return turns;
    } catch (error) {
      this.failure = `bot non avviato: ${(error as Error).message}`;
      this.logger.error({ err: error }, 'Teams bot failed to start');
      this.settle.reject(error as Error);
      return null;
    }
  }

  /** What /health says of the bot: running, still loading, or why it did not start. */
  health(): ComponentHealth {
    if (this.loaded) return { ok: true };
    return { ok: false, detail: this.failure ?? 'in avvio' };
  }
}
