import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import express, { type Express, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BotOptions } from './bot-options.js';

/** The bot as the endpoint runs it: the adapter that checks tokens and the application that answers. */
export interface BotTurns {
  readonly adapter: TeamsAdapter;
  readonly bot: Application<TurnState>;
}

/**
 * POST /api/messages: the Bot Framework endpoint. The adapter validates every token (401 without a
 * valid one, when credentials are configured); in production, activities from tenants outside the
 * allow-list are dropped. In development mode nothing is authenticated, so answers may only go back
 * to a Bot Framework emulator on this machine: an activity naming any other `serviceUrl` is refused.
 * The route is mounted before the bot's libraries have loaded (they load right after `ready`): a
 * request meanwhile waits for them; should they fail to load, it is answered 503.
 */
export function mountBotEndpoint(
  app: Express,
  turns: Promise<BotTurns>,
  options: BotOptions,
  logger: Logger,
  /** Told how long each turn took, by activity type (metrics). */
  onTurn: (turn: { seconds: number; type: string }) => void = () => undefined,
): void {
  turns.catch(() => undefined); // a failure is answered to each request, below
  app.post('/api/messages', express.json({ limit: '2mb' }), async (request, response) => {
    const serviceUrl = (request.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (options.mode !== 'production' && !isLoopbackUrl(serviceUrl)) {
      logger.warn('activity with a serviceUrl off this machine refused in development mode');
      response.status(403).json({ errore: 'Richiesta non consentita.', correlationId: randomUUID() });
      return;
    }
    const loaded = await turns.catch(() => null);
    if (!loaded) {
      response.set('Retry-After', '30');
      response
        .status(503)
        .json({ errore: 'Il bot non è disponibile in questo momento.', correlationId: randomUUID() });
      return;
    }
    const { adapter, bot } = loaded;
    hideErrorDetails(response, logger);
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
      const started = performance.now();
      await bot.run(context);
      onTurn({ seconds: (performance.now() - started) / 1000, type: context.activity.type ?? 'unknown' });
    });
  });
}

/** The adapter answers failures with the error's own text (network errors, token details): not to callers. */
function hideErrorDetails(response: Response, logger: Logger): void {
  const send = response.send.bind(response);
  response.send = (body?: unknown) => {
    if (response.statusCode < 400) return send(body);
    const correlationId = randomUUID();
    logger.warn({ correlationId, status: response.statusCode, detail: String(body) }, 'bot request refused');
    response.type('application/json');
    const message = response.statusCode === 401 ? 'Non autorizzato.' : 'Richiesta non valida.';
    return send(JSON.stringify({ errore: message, correlationId }));
  };
}

function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
