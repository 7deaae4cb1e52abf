import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { BotOptions } from './bot-options.js';

/**
 * POST /api/messages: the Bot Framework endpoint. The adapter validates every token (401 without a
 * valid one, when credentials are configured); in production, activities from tenants outside the
 * allow-list are dropped.
 */
export function mountBotEndpoint(
  app: Express,
  adapter: TeamsAdapter,
  bot: Application<TurnState>,
  options: BotOptions,
  logger: Logger,
): void {
  app.post('/api/messages', express.json({ limit: '2mb' }), async (request, response) => {
    let turnStarted = false;
    // Fail closed: if the token cannot be checked at all (e.g. Microsoft's signing keys cannot be
    // fetched), the adapter reports 500 before any turn starts; that request is unauthorised.
    const status = response.status.bind(response);
    response.status = (code: number) => status(code === 500 && !turnStarted && options.appId ? 401 : code);
    await adapter.process(request, response, async (context) => {
      turnStarted = true;
      const tenant =
        context.activity.conversation?.tenantId ??
        (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (options.mode === 'production' && (!tenant || !options.allowedTenantIds.includes(tenant))) {
        logger.warn({ tenant }, 'activity from a tenant outside the allow-list dropped');
        return;
      }
      await bot.run(context);
    });
  });
}
