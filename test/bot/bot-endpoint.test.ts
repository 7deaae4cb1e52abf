import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { mountBotEndpoint, type BotTurns } from '../../bot/teams/bot-endpoint.js';
import type { BotOptions } from '../../bot/teams/bot-options.js';

const development: BotOptions = {
  mode: 'development',
  appId: null,
  appPassword: null,
  certificateThumbprint: null,
  certificatePrivateKey: null,
  appType: 'MultiTenant',
  tenantId: null,
  allowedTenantIds: [],
};

const activity = { type: 'message', text: 'ciao', serviceUrl: 'http://127.0.0.1:3979' };

/** An adapter and a bot that only record the turns they run (the real ones: bot-conversations.test.ts). */
function recordingTurns(ran: string[]): BotTurns {
  const adapter = {
    async process(
      request: express.Request,
      response: express.Response,
      logic: (context: unknown) => Promise<void>,
    ) {
      await logic({ activity: request.body });
      response.status(200).json({ ran: ran.length });
    },
  };
  const bot = {
    async run(context: { activity: { text: string } }) {
      ran.push(context.activity.text);
    },
  };
  return { adapter, bot } as unknown as BotTurns;
}

describe('the bot endpoint, mounted before the bot has loaded', () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  async function endpointOn(turns: Promise<BotTurns>) {
    const app = express();
    mountBotEndpoint(app, turns, development, createLogger('silent'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return () =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
  }

  it('holds a request until the bot has loaded, then runs its turn', async () => {
    let loaded!: (turns: BotTurns) => void;
    const ran: string[] = [];
    const post = await endpointOn(new Promise((resolve) => (loaded = resolve)));
    let answered = false;
    const response = post().then((result) => ((answered = true), result));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    expect(ran).toEqual([]);
    loaded(recordingTurns(ran));
    expect((await response).status).toBe(200);
    expect(ran).toEqual(['ciao']);
  });

  it('answers 503, in Italian and with Retry-After, when the bot could not load', async () => {
    const post = await endpointOn(Promise.reject(new Error('botbuilder missing')));
    const response = await post();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toMatchObject({ errore: 'Il bot non è disponibile in questo momento.' });
  });
});
