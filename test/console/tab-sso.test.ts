import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from '../support/in-process-sportello.js';
import { scratchPglite, type ScratchDatabase } from '../support/test-databases.js';

const tenant = '99999999-8888-7777-6666-555555555555';
const clientId = '22222222-3333-4444-5555-666666666666';
const production = {
  SPORTELLO_MODE: 'production',
  IMAP_PASSWORD: 'x',
  SMTP_HOST: '127.0.0.1',
  MAIL_WATCHER_ENABLED: 'false',
  SCHEDULER_ENABLED: 'false',
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: tenant,
  TEAMS_ALLOWED_TENANT_IDS: tenant,
  DOCUMENT_LINK_SECRET: 'a-document-link-secret-of-32-characters-at-least',
  PUBLIC_BASE_URL: 'https://sportello.example.test',
  PROCEDURE_RESPONSIBLE_NAME: 'Dott.ssa Elena Verdi',
  CONSOLE_SSO_CLIENT_ID: clientId,
  CONSOLE_SSO_APPLICATION_ID_URI: `api://sportello.example.test/${clientId}`,
};

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

// Issue 16: the Teams tab's SSO token, checked on the server in production mode against the
// signing keys of «Entra ID» (here a local JWKS with a key made at test time).
describe('the console tab sign-in in production mode', () => {
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;
  let jwks: Server;
  let entra: PrivateKey;
  let stranger: PrivateKey;
  let kid: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    entra = pair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    kid = 'entra-test-key';
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    jwks = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as { port: number }).port;
    scratch = await scratchPglite();
    sportello = await startInProcess({
      ...production,
      CONSOLE_SSO_JWKS_URL: `http://127.0.0.1:${port}/keys`,
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      DEMO_DATA: 'true',
    });
  }, 60_000);
  afterAll(async () => {
    await sportello?.stop();
    await scratch?.drop();
    jwks?.close();
  });

  const token = (
    claims: Record<string, unknown> = {},
    options: {
      key?: PrivateKey;
      expiresIn?: string;
      tenantId?: string;
      audience?: string;
      issuer?: string;
    } = {},
  ) => {
    const tid = options.tenantId ?? tenant;
    return new SignJWT({
      tid,
      oid: 'demo-staff-amministrazione',
      preferred_username: 'ufficio@csc.example',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(options.audience ?? clientId)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? entra);
  };
  const signIn = (value: string) =>
    fetch(`${sportello.url}/console/sso`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: sportello.url },
      body: JSON.stringify({ token: value }),
    });

  it('opens a session for a registered person with a token Entra ID signed for Sportello', async () => {
    for (const audience of [clientId, `api://sportello.example.test/${clientId}`]) {
      const response = await signIn(await token({}, { audience }));
      expect(response.status).toBe(204);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/Secure/i);
      expect(cookie).toMatch(/SameSite=None/i);
      const page = await fetch(`${sportello.url}/console/pratiche`, {
        headers: { cookie: cookie.split(';')[0]! },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Ufficio Amministrazione');
    }
  });

  it('refuses a forged, expired, other-audience, other-tenant or unsigned token, and an unregistered person', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode({ tid: tenant, oid: 'demo-staff-amministrazione', aud: clientId })}.`;
    const refused: [string, string, number][] = [
      ['forged', await token({}, { key: stranger }), 401],
      ['expired', await token({}, { expiresIn: '-10m' }), 401],
      ['other audience', await token({}, { audience: 'api://someone-else' }), 401],
      ['other tenant', await token({}, { tenantId: '12345678-1234-1234-1234-123456789012' }), 401],
      [
        'issuer of another tenant',
        await token(
          {},
          { issuer: 'https://login.microsoftonline.com/12345678-1234-1234-1234-123456789012/v2.0' },
        ),
        401,
      ],
      ['unsigned', unsigned, 401],
      ['not a token', 'abc', 401],
      ['unregistered person', await token({ oid: 'nobody' }), 403],
    ];
    for (const [what, value, status] of refused) {
      const response = await signIn(value);
      expect(response.status, what).toBe(status);
      expect(response.headers.get('set-cookie'), what).toBeNull();
    }
    // Without a session, production refuses every page.
    expect((await fetch(`${sportello.url}/console/pratiche`)).status).toBe(401);
    // And the demo chooser does not exist there.
    expect((await fetch(`${sportello.url}/console/accesso`)).status).toBe(401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await fetch(`${sportello.url}/console/sso`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://attacker.example' },
      body: JSON.stringify({ token: await token() }),
    });
    expect(response.status).toBe(403);
  });
});
