import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountBrowserSignIn } from '../../console/browser-sign-in.js';
import { ConsoleSessions } from '../../console/console-session.js';
import type { Caller } from '../../services/access/caller.js';

const tenant = '99999999-8888-7777-6666-555555555555';
const authority = `https://entra.test/${tenant}`;
const staff: Caller = {
  teamsUserId: '6a0c1b0e-0000-4000-8000-000000000001',
  displayName: 'Ufficio Amministrazione',
  role: 'staff',
  municipalityId: null,
  municipalityName: null,
  providerId: null,
};

/** «Entra ID» for the test: the token endpoint checks the code and the PKCE verifier, and answers an id token. */
class FakeEntra implements INetworkModule {
  readonly codes = new Map<string, { challenge: string; oid: string; tid: string }>();
  tokenRequests = 0;

  async sendGetRequestAsync<T>(): Promise<NetworkResponse<T>> {
    return { status: 404, headers: {}, body: {} as T };
  }

  async sendPostRequestAsync<T>(url: string, options?: { body?: string }): Promise<NetworkResponse<T>> {
    this.tokenRequests += 1;
    const form = new URLSearchParams(options?.body ?? '');
    const issued = this.codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!new URL(url).pathname.endsWith('/oauth2/v2.0/token') || !issued || issued.challenge !== challenge)
      return { status: 400, headers: {}, body: { error: 'invalid_grant' } as T };
    this.codes.delete(form.get('code')!);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const idToken = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
      aud: 'client-id',
      iss: `https://login.microsoftonline.com/${issued.tid}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      oid: issued.oid,
      tid: issued.tid,
      preferred_username: 'ufficio@csc.example',
    })}.firma`;
    const body = {
      token_type: 'Bearer',
      scope: 'openid profile',
      expires_in: 3600,
      access_token: 'x',
      id_token: idToken,
      client_info: encode({ uid: issued.oid, utid: issued.tid }),
    };
    return { status: 200, headers: {}, body: body as T };
  }

  /** What Entra ID does when the person signs in: a code bound to the PKCE challenge of the sign-in URL. */
  signIn(authorizeUrl: string, who: { oid: string; tid: string }): { code: string; state: string } {
    const url = new URL(authorizeUrl);
    const code = randomUUID();
    this.codes.set(code, { challenge: url.searchParams.get('code_challenge')!, ...who });
    return { code, state: url.searchParams.get('state')! };
  }
}

// Issue 16: the console's sign-in in a browser, OAuth2 code flow with PKCE through @azure/msal-node.
describe('the console sign-in in a browser through Entra ID', () => {
  const entra = new FakeEntra();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    const router = express.Router();
    const metadata = JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    });
    mountBrowserSignIn(
      router,
      {
        clientId: 'client-id',
        clientSecret: 'client-secret',
        tenantId: tenant,
        allowedTenantIds: [tenant],
        redirectUri: 'https://sportello.example.test/console/entra/ritorno',
        authority: { url: authority, metadata, network: { networkClient: entra } },
      },
      {
        sessions: new ConsoleSessions('secret-of-the-test'),
        secret: 'secret-of-the-test',
        findCaller: async (identity) => (identity.aadObjectId === 'oid-staff' ? staff : null),
      },
    );
    app.use('/console', router);
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server?.close());

  /** The start of a sign-in: the flow's cookie and Entra ID's address with the PKCE challenge. */
  async function start() {
    const response = await fetch(`${base}/console/entra`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location.startsWith(`${authority}/oauth2/v2.0/authorize?`)).toBe(true);
    const query = new URL(location).searchParams;
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('redirect_uri')).toBe('https://sportello.example.test/console/entra/ritorno');
    return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, location };
  }
  const back = (cookie: string, code: string, state: string) =>
    fetch(
      `${base}/console/entra/ritorno?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );

  it('signs a registered person of the office in: code redeemed with the PKCE verifier, session opened', async () => {
    const { cookie, location } = await start();
    const { code, state } = entra.signIn(location, { oid: 'oid-staff', tid: tenant });
    const response = await back(cookie, code, state);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/pratiche');
    expect(response.headers.get('set-cookie')).toMatch(/sportello_console=.*HttpOnly.*Secure/i);
  });

  it('refuses a wrong state, a replayed code, another tenant and an unregistered person', async () => {
    const first = await start();
    const signedIn = entra.signIn(first.location, { oid: 'oid-staff', tid: tenant });
    expect((await back(first.cookie, signedIn.code, 'another-state')).status).toBe(401);
    // The state was right but the flow is over: the same code again is refused by «Entra ID».
    const second = await start();
    expect(
      (await back(second.cookie, signedIn.code, new URL(second.location).searchParams.get('state')!)).status,
    ).toBe(401);
    const third = await start();
    const otherTenant = entra.signIn(third.location, {
      oid: 'oid-staff',
      tid: '12345678-1234-1234-1234-123456789012',
    });
    const refused = await back(third.cookie, otherTenant.code, otherTenant.state);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('non appartiene a un ente abilitato');
    const fourth = await start();
    const stranger = entra.signIn(fourth.location, { oid: 'oid-nobody', tid: tenant });
    expect((await back(fourth.cookie, stranger.code, stranger.state)).status).toBe(401);
    // Without the flow's cookie (another browser), nothing is redeemed.
    const fifth = await start();
    const lost = entra.signIn(fifth.location, { oid: 'oid-staff', tid: tenant });
    expect((await back('', lost.code, lost.state)).status).toBe(401);
  });
});
