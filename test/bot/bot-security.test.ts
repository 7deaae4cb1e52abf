import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startSportello } from '../../app/sportello.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { scratchPglite, type ScratchDatabase } from '../support/test-databases.js';

const production = {
  SPORTELLO_MODE: 'production',
  IMAP_PASSWORD: 'x',
  SMTP_HOST: '127.0.0.1',
  MAIL_WATCHER_ENABLED: 'false',
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
  TEAMS_ALLOWED_TENANT_IDS: '99999999-8888-7777-6666-555555555555',
  DOCUMENT_LINK_SECRET: 'a-document-link-secret-of-32-characters-at-least',
  PUBLIC_BASE_URL: 'https://sportello.example.test',
  PROCEDURE_RESPONSIBLE_NAME: 'Dott.ssa Elena Verdi',
};

const activity = {
  type: 'message',
  id: randomUUID(),
  text: 'quanto budget resta per Bianchi Maria',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:as-crema', aadObjectId: 'demo-as-crema' },
  recipient: { id: '28:sportello' },
  conversation: { id: 'a:1', conversationType: 'personal', tenantId: production.MicrosoftAppTenantId },
};

function forgedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT', kid: 'forged' });
  const body = encode({
    iss: 'https://api.botframework.com',
    aud: production.MicrosoftAppId,
    exp: Math.floor(Date.now() / 1000) + 3600,
    serviceurl: activity.serviceUrl,
  });
  const signature = createHmac('sha256', 'not-microsoft').update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

describe('bot security in production mode', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchPglite();
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it.each([
    ['MicrosoftAppId', { MicrosoftAppId: '' }],
    ['MicrosoftAppPassword', { MicrosoftAppPassword: '' }],
    ['MicrosoftAppTenantId', { MicrosoftAppTenantId: '' }],
    ['SingleTenant', { MicrosoftAppType: 'MultiTenant' }],
    ['TEAMS_ALLOWED_TENANT_IDS', { TEAMS_ALLOWED_TENANT_IDS: '' }],
  ])('refuses to start without %s, naming it with everything else missing', (missing, override) => {
    const load = () =>
      loadConfig({
        ...production,
        ...override,
        DATABASE_URL: scratch.url,
        DATABASE_MIGRATE_ON_START: 'true',
        HTTP_PORT: '0',
      });
    expect(load).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
    expect(load).toThrow(new RegExp(`${missing}[^;]*: required in production`));
  });

  it('refuses in the bot wiring too, in Italian, should a configuration get past the check', async () => {
    const config = loadConfig({
      ...production,
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
    });
    await expect(
      startSportello({ ...config, bot: { ...config.bot, appId: null } }, createLogger('silent')),
    ).rejects.toMatchObject({
      code: 'invalid_configuration',
      userMessage: expect.stringContaining('MicrosoftAppId'),
    });
  });

  it('answers 401 to a request without a token and to a forged one', async () => {
    const sportello = await startInProcess({
      ...production,
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      DEMO_DATA: 'true',
    });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${sportello.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(activity),
        });
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-token' },
        { authorization: `Bearer ${forgedToken()}` },
      ];
      for (const headers of attempts) {
        const response = await post(headers);
        expect(response.status).toBe(401);
        // (10) A generic body: no token detail, no network error, no path.
        const body = await response.text();
        expect(JSON.parse(body)).toEqual({ errore: 'Non autorizzato.', correlationId: expect.any(String) });
        expect(body).not.toMatch(/botframework|ENOTFOUND|Unauthorized|\/work/);
      }
    } finally {
      await sportello.stop();
    }
  }, 60_000);

  it('accepts requests without a token in local development mode only, and answers through the service URL', async () => {
    const replies: { text?: string }[] = [];
    const connector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => {
        replies.push(JSON.parse(body || '{}'));
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ id: randomUUID() }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}/`;
    const sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      DEMO_DATA: 'true',
      MAIL_WATCHER_ENABLED: 'false',
    });
    try {
      const response = await fetch(`${sportello.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl }),
      });
      expect(response.status).toBe(200);
      expect(replies.some((reply) => reply.text?.includes('Residuo:'))).toBe(true);
    } finally {
      await sportello.stop();
      connector.close();
    }
  }, 60_000);
});
