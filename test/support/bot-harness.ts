import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { TestAdapter, type Activity } from 'botbuilder';
import { botDependencies } from '../../app/bot-wiring.js';
import { wireContractServices } from '../../app/contracts-wiring.js';
import { createLogger } from '../../app/logger.js';
import { createSportelloBot } from '../../bot/teams/sportello-bot.js';
import { ContractTemplates } from '../../documents/contract-templates.js';
import type { Database } from '../../prisma/database/database.js';
import { testConfig } from './contract-services.js';

/** The demo Teams users of the seed, by role. */
export const demoUsers = {
  staff: { id: '29:staff', name: 'Ufficio Amministrazione', aadObjectId: 'demo-staff-amministrazione' },
  crema: { id: '29:as-crema', name: 'Anna Bianchi', aadObjectId: 'demo-as-crema' },
  offanengo: { id: '29:as-offanengo', name: 'Laura Ferrari', aadObjectId: 'demo-as-offanengo' },
  girasole: { id: '29:ente-girasole', name: 'Il Girasole', aadObjectId: 'demo-ente-girasole' },
  stranger: { id: '29:stranger', name: 'Sconosciuto', aadObjectId: 'not-registered' },
} as const;

export type DemoUser = (typeof demoUsers)[keyof typeof demoUsers];

/** The real bot, wired as the composition root wires it, over botbuilder's TestAdapter and a real database, with a fixed clock. */
export async function botHarness(database: Database, now: () => Date) {
  const logger = createLogger('silent');
  const documents = { templates: await ContractTemplates.load(), pdf: null };
  const services = wireContractServices(testConfig, documents, database, { wake: () => undefined }, logger, {
    clock: now,
  });
  const bot = createSportelloBot(new TeamsAdapter({}), botDependencies(database, services, now, logger), {
    botAppId: undefined,
    askTeamsForIdentity: false,
  });
  const contracts = services.decisions;
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
  });

  async function turn(user: DemoUser, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    adapter.activeQueue.splice(0);
    await adapter.processActivity({
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.test/',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      conversation: {
        id: `personal-${user.id}`,
        conversationType: 'personal',
        tenantId: 'tenant-1',
      } as Activity['conversation'],
      recipient: { id: '28:sportello', name: 'Sportello' },
      ...activity,
    });
    return adapter.activeQueue.splice(0);
  }

  return {
    contracts,
    /** The bot's text replies to a message. */
    async ask(user: DemoUser, text: string): Promise<string[]> {
      const replies = await turn(user, { type: 'message', text });
      return replies.map((reply) => reply.text ?? JSON.stringify(reply.attachments?.[0]?.content ?? null));
    },
    /** The cards the bot sent in reply to a message. */
    async cards(user: DemoUser, text: string): Promise<Record<string, unknown>[]> {
      const replies = await turn(user, { type: 'message', text });
      return replies.flatMap((reply) =>
        (reply.attachments ?? []).map((attachment) => attachment.content as Record<string, unknown>),
      );
    },
    /** An Action.Execute click; returns the card Teams would show instead. */
    async click(
      user: DemoUser,
      verb: string,
      data: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      const replies = await turn(user, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      });
      const response = replies.find((reply) => reply.type === 'invokeResponse');
      return (response?.value as { body: { value: Record<string, unknown> } }).body.value;
    },
  };
}

/** All the text of a card, to search in. */
export function cardText(card: unknown): string {
  if (Array.isArray(card)) return card.map(cardText).join('\n');
  if (card && typeof card === 'object') {
    return Object.entries(card)
      .map(([key, value]) =>
        ['text', 'title', 'value'].includes(key) && typeof value === 'string' ? value : cardText(value),
      )
      .join('\n');
  }
  return '';
}
