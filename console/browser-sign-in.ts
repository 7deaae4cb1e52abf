import { ConfidentialClientApplication, CryptoProvider, type Configuration } from '@azure/msal-node';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Router } from 'express';
import type { Caller } from '../services/access/caller.js';
import { consolePage, themeFor } from './console-html.js';
import { html } from './html.js';
import { cookieOf, sessionCookie, sessionLifetimeMs, type ConsoleSessions } from './console-session.js';

/** Sportello's Entra ID application, for the sign-in in a browser (OAuth2 code flow with PKCE). */
export interface EntraSignIn {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly allowedTenantIds: readonly string[];
  /** Where Entra ID sends the browser back: `<public address>/console/entra/ritorno`. */
  readonly redirectUri: string;
  /** Tests only: where the authority's endpoints are and how to reach them (MSAL's own otherwise). */
  readonly authority?: {
    readonly url: string;
    readonly metadata: string;
    readonly network: Configuration['system'];
  };
}

const flowCookie = 'sportello_entra';
const flowLifetimeMs = 10 * 60_000;

/**
 * The console's sign-in in a browser through Entra ID (@azure/msal-node): `/console/entra` sends the
 * browser to Microsoft's sign-in with a PKCE challenge and a random state, kept in a signed,
 * short-lived cookie; `/console/entra/ritorno` checks the state, redeems the code with the verifier,
 * checks the tenant and that the person is registered, and opens the session.
 */
export function mountBrowserSignIn(
  router: Router,
  entra: EntraSignIn,
  deps: {
    readonly sessions: ConsoleSessions;
    readonly secret: string;
    readonly findCaller: (identity: {
      aadObjectId: string | null;
      userPrincipalName: string | null;
    }) => Promise<Caller | null>;
  },
): void {
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: entra.clientId,
      clientSecret: entra.clientSecret,
      authority: entra.authority?.url ?? `https://login.microsoftonline.com/${entra.tenantId}`,
      ...(entra.authority
        ? {
            knownAuthorities: [new URL(entra.authority.url).host],
            authorityMetadata: entra.authority.metadata,
          }
        : {}),
    },
    ...(entra.authority?.network ? { system: entra.authority.network } : {}),
  });
  const crypto = new CryptoProvider();
  const sign = (value: string) =>
    createHmac('sha256', deps.secret).update(`entra:${value}`).digest('base64url');
  const scopes = ['openid', 'profile'];

  router.get('/entra', async (request, response) => {
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const state = randomBytes(24).toString('base64url');
    const flow = Buffer.from(
      JSON.stringify({ state, verifier, expires: Date.now() + flowLifetimeMs }),
    ).toString('base64url');
    response.cookie(flowCookie, `${flow}.${sign(flow)}`, {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/console/entra',
      maxAge: flowLifetimeMs,
    });
    const url = await client.getAuthCodeUrl({
      scopes,
      redirectUri: entra.redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      prompt: 'select_account',
    });
    response.redirect(303, url);
  });

  router.get('/entra/ritorno', async (request, response) => {
    const refuse = (message: string) => {
      const body = html`<h1>Accesso non riuscito</h1><p>${message}</p><p><a href="/console/entra">Riprova</a></p>`;
      response
        .status(401)
        .type('html')
        .send(consolePage({ title: 'Accesso non riuscito', body, theme: themeFor(request) }));
    };
    const flow = readFlow(request, sign);
    response.clearCookie(flowCookie, { path: '/console/entra' });
    const code = typeof request.query['code'] === 'string' ? request.query['code'] : null;
    if (!flow || !code || request.query['state'] !== flow.state)
      return refuse('La richiesta di accesso è scaduta o non è valida: ripetere l’accesso.');
    let claims: Record<string, unknown>;
    try {
      const result = await client.acquireTokenByCode({
        code,
        scopes,
        redirectUri: entra.redirectUri,
        codeVerifier: flow.verifier,
      });
      // The id token comes straight from Entra ID's token endpoint over TLS, in exchange for the code
      // and the verifier (OpenID Connect Core 3.1.3.7: TLS stands for its signature here).
      claims = (result?.idTokenClaims ?? {}) as Record<string, unknown>;
    } catch {
      return refuse('Microsoft non ha confermato l’accesso: ripetere l’accesso.');
    }
    const tenantId = String(claims['tid'] ?? '');
    if (!entra.allowedTenantIds.includes(tenantId))
      return refuse('L’account non appartiene a un ente abilitato.');
    const name = claims['preferred_username'] ?? claims['upn'];
    const caller = await deps.findCaller({
      aadObjectId: typeof claims['oid'] === 'string' ? claims['oid'] : null,
      userPrincipalName: typeof name === 'string' ? name : null,
    });
    if (!caller) return refuse("Utente non abilitato a Sportello: scrivere all'Ufficio Amministrazione.");
    response.cookie(sessionCookie, deps.sessions.issue(caller.teamsUserId), {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/console',
      maxAge: sessionLifetimeMs,
    });
    response.redirect(303, '/console/pratiche');
  });
}

function readFlow(
  request: Request,
  sign: (value: string) => string,
): { state: string; verifier: string } | null {
  const [flow, signature] = (cookieOf(request, flowCookie) ?? '').split('.');
  if (!flow || !signature) return null;
  const expected = Buffer.from(sign(flow));
  if (expected.length !== signature.length || !timingSafeEqual(expected, Buffer.from(signature))) return null;
  try {
    const value = JSON.parse(Buffer.from(flow, 'base64url').toString('utf8')) as {
      state?: unknown;
      verifier?: unknown;
      expires?: unknown;
    };
    if (
      typeof value.state !== 'string' ||
      typeof value.verifier !== 'string' ||
      typeof value.expires !== 'number'
    )
      return null;
    return value.expires > Date.now() ? { state: value.state, verifier: value.verifier } : null;
  } catch {
    return null;
  }
}
