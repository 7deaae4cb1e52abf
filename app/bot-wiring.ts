import { PrismaReadLog } from '../prisma/repositories/prisma-read-log.js';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Logger } from 'pino';
import { assertBotCredentials, botFrameworkAuthConfig } from '../bot/teams/bot-options.js';
import { createSportelloBot } from '../bot/teams/sportello-bot.js';
import type { BotTurns } from '../bot/teams/bot-endpoint.js';
import type { SportelloBotDependencies } from '../bot/teams/bot-dependencies.js';
import type { ContractCardActions } from '../services/contracts/contract-card-actions.js';
import type { ProjectChangeActions } from '../services/projects/cancel-project-change.js';
import { TeamsSender } from '../bot/teams/teams-sender.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaBotQueries } from '../prisma/repositories/prisma-bot-queries.js';
import { PrismaTeamsDirectory } from '../prisma/repositories/prisma-teams-directory.js';
import { PrismaOfficeProtocolStore } from '../prisma/repositories/prisma-office-protocol-store.js';
import type { SportelloConfig } from './config.js';
import type { OutboxDispatcher } from '../services/outbox/outbox-dispatcher.js';
import type { wireContracts } from './contracts-wiring.js';
import type { CumulativeContractActions } from '../services/forecasts/cumulative-contract-steps.js';

/** What the bot needs, from the database and the contracts' use cases; the tests build the bot from it too. */
export function botDependencies(
  database: Database,
  contracts: {
    actions: ContractCardActions;
    projectChanges: ProjectChangeActions;
    cumulativeActions: CumulativeContractActions;
  },
  clock: () => Date,
  logger: Logger,
): SportelloBotDependencies {
  const directory = new PrismaTeamsDirectory(database);
  const queries = new PrismaBotQueries(database);
  return {
    directory,
    conversations: directory,
    budget: queries,
    projects: queries,
    requests: queries,
    deadlines: queries,
    reads: new PrismaReadLog(database),
    contracts: contracts.actions,
    projectChanges: contracts.projectChanges,
    cumulativeContracts: contracts.cumulativeActions,
    officeProtocol: new PrismaOfficeProtocolStore(database),
    clock,
    logger,
  };
}

/**
 * The Teams side of Sportello: the bot the endpoint runs (see `DeferredBot`, which mounts it) and
 * the Teams outbox channel. Loaded after `ready`: botbuilder, teams-ai and their recognizers are
 * two thirds of the server's code.
 */
export function wireBot(
  config: SportelloConfig,
  database: Database,
  outbox: OutboxDispatcher,
  contracts: ReturnType<typeof wireContracts>,
  botLogger: Logger,
): BotTurns {
  assertBotCredentials(config.bot);
  const adapter = new TeamsAdapter(botFrameworkAuthConfig(config.bot));
  const deps = botDependencies(database, contracts, () => new Date(), botLogger);
  const bot = createSportelloBot(adapter, deps, {
    botAppId: config.bot.appId ?? undefined,
    askTeamsForIdentity: config.bot.mode === 'production',
  });
  outbox.registerTeams(
    new TeamsSender(
      adapter,
      config.bot.appId ?? '',
      deps.conversations,
      contracts.decisions,
      contracts.workflow,
      contracts.cumulative,
    ),
  );
  return { adapter, bot };
}
