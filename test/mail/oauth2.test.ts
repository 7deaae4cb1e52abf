import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenProvider } from '../../mail/oauth/access-token-provider.js';
import {
  appendMessages,
  ensureDovecot,
  folderCounts,
  oauthPort,
  uniqueMailUser,
} from '../support/dovecot.js';
import { FakeOAuthServer } from '../support/fake-oauth-server.js';
import { sadRequest } from '../support/generated-mail.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPglite, type ScratchDatabase } from '../support/test-databases.js';

const client = { id: 'sportello-app', secret: 's3cret' };

describe('OAuth2 (XOAUTH2) for IMAP and SMTP, client-credentials flow', () => {
  const mailbox = uniqueMailUser('oauth');
  const oauth = new FakeOAuthServer(client, mailbox);
  const capture = new SmtpCapture((user, token) => user === mailbox && oauth.issued.includes(token));
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    ensureDovecot();
    await oauth.start(oauthPort);
    await capture.start();
    scratch = await scratchPglite();
  }, 30_000);
  afterAll(async () => {
    await capture.stop();
    await oauth.stop();
    await scratch.drop();
  });

  it('caches the token and renews it when asked; reports bad credentials in Italian', async () => {
    let now = 1_000_000;
    const provider = new ClientCredentialsTokenProvider(
      {
        tokenUrl: `http://127.0.0.1:${oauthPort}/token`,
        clientId: client.id,
        clientSecret: client.secret,
        scope: 'x/.default',
      },
      () => now,
    );
    const before = oauth.tokenRequests;
    const first = await provider.token();
    expect(await provider.token()).toBe(first);
    expect(oauth.tokenRequests - before).toBe(1);
    now += 3_560_000; // within a minute of expiry
    expect(await provider.token()).not.toBe(first);
    expect(await provider.token(true)).not.toBe(first);
    const wrong = new ClientCredentialsTokenProvider({
      tokenUrl: `http://127.0.0.1:${oauthPort}/token`,
      clientId: 'x',
      clientSecret: 'y',
      scope: 's',
    });
    await expect(wrong.token()).rejects.toMatchObject({
      code: 'invalid_configuration',
      userMessage: expect.stringContaining('OAuth2'),
    });
  });

  it('reads the mailbox and sends the reply with access tokens only', async () => {
    const sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      IMAP_USER: mailbox,
      IMAP_PASSWORD: 'not-the-password',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(capture.port),
      SMTP_USER: mailbox,
      OAUTH_TOKEN_URL: `http://127.0.0.1:${oauthPort}/token`,
      OAUTH_CLIENT_ID: client.id,
      OAUTH_CLIENT_SECRET: client.secret,
    });
    try {
      await appendMessages(mailbox, [sadRequest('oauth-request')]);
      const [reply] = await capture.waitForCount(1, 20_000);
      expect(reply!.parsed.inReplyTo).toBe('<oauth-request@comune.crema.cr.it>');
      expect(await folderCounts(mailbox, ['INBOX', 'Elaborati'])).toEqual({ INBOX: 0, Elaborati: 1 });
    } finally {
      await sportello.stop();
    }
  }, 60_000);
});
