import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Logger } from 'pino';
import { assertBotCredentials, botFrameworkAuthConfig } from '../bot/teams/bot-options.js';
import { mountBotEndpoint } from '../bot/teams/bot-endpoint.js';
import { createSportelloBot } from '../bot/teams/sportello-bot.js';
import { TeamsSender } from '../bot/teams/teams-sender.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaBotQueries } from '../prisma/repositories/prisma-bot-queries.js';
import { PrismaContractDecisions } from '../prisma/repositories/prisma-contract-decisions.js';
import { PrismaTeamsDirectory } from '../prisma/repositories/prisma-teams-directory.js';
import type { SportelloConfig } from './config.js';
import type { HttpServer } from './http-server.js';
import type { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import type { wireContracts } from './contracts-wiring.js';

/** The Teams side of Sportello: the bot endpoint on the HTTP server and the Teams outbox channel. */
export function wireBot(
  config: SportelloConfig,
  database: Database,
  http: HttpServer,
  outbox: OutboxDispatcher,
  contracts: ReturnType<typeof wireContracts>,
  logger: Logger,
) {
  assertBotCredentials(config.bot);
  const botLogger = logger.child({ component: 'bot' });
  const adapter = new TeamsAdapter(botFrameworkAuthConfig(config.bot));
  const directory = new PrismaTeamsDirectory(database);
  const queries = new PrismaBotQueries(database);
  const decisions = new PrismaContractDecisions(database, (contractId) =>
    contracts.links.urlFor(contractId, contracts.pdfAvailable ? 'pdf' : 'docx'),
  );
  const bot = createSportelloBot(
    adapter,
    {
      directory,
      conversations: directory,
      budget: queries,
      projects: queries,
      requests: queries,
      deadlines: queries,
      contracts: decisions,
      returns: contracts.returns,
      prepareDocument: (contractId) => contracts.drafts.ensureDocument(contractId),
      clock: () => new Date(),
      logger: botLogger,
      afterDecision: async (contractId) => {
        await contracts.dispatch.afterDecision(contractId);
        outbox.wake();
      },
    },
    config.bot.appId ?? undefined,
  );
  mountBotEndpoint(http.app, adapter, bot, config.bot, botLogger);
  outbox.register(
    'teams',
    new TeamsSender(adapter, config.bot.appId ?? '', directory, decisions, contracts.drafts, botLogger),
  );
  return { adapter, bot, directory };
}
