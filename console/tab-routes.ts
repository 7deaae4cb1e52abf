import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { consolePage, themeFor } from './console-html.js';
import { html } from './html.js';
import type { Caller } from '../services/access/caller.js';
import { sessionCookie, sessionLifetimeMs, type ConsoleSessions } from './console-session.js';
import { fromSameOrigin } from './same-origin.js';
import { verifyTabToken, type TabTokenCheck } from './tab-token.js';

/**
 * The Teams tab's sign-in: the page inside Teams posts the SSO token the Teams JS SDK gave it; a
 * token that Entra ID signed for Sportello, in time, from an allowed tenant, for a registered
 * person, opens a session. In Teams the page is in a frame: the cookie is then SameSite=None (HTTPS).
 */
const teamsSdk = readFileSync(
  createRequire(import.meta.url).resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
);
const tabScript = readFileSync(new URL('./tab-page.js', import.meta.url));

export function mountTabSignIn(
  router: Router,
  deps: {
    readonly tabToken: TabTokenCheck | null;
    readonly findCaller: (identity: {
      aadObjectId: string | null;
      userPrincipalName: string | null;
    }) => Promise<Caller | null>;
    readonly sessions: ConsoleSessions;
    readonly secureCookies: boolean;
  },
): void {
  // The tab's page and its two scripts (the Teams JS SDK and the sign-in): the only scripts of the
  // console. The SDK reads Teams' list of valid hosts from Microsoft's CDN.
  const scripts = (
    _request: unknown,
    response: { set(headers: Record<string, string>): void },
    next: () => void,
  ) => {
    response.set({
      'Content-Security-Policy':
        "default-src 'none'; script-src 'self'; connect-src 'self' https://res.cdn.office.net; style-src 'unsafe-inline'; frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
    });
    next();
  };
  router.get('/tab', scripts, (request, response) => {
    const body = html`<h1>Sportello</h1><p id="stato" role="status">Accesso con l’account di Microsoft Teams in corso…</p><script src="/console/teams-js.js"></script><script src="/console/tab.js"></script>`;
    response.type('html').send(consolePage({ title: 'Accesso', body, theme: themeFor(request) }));
  });
  router.get('/teams-js.js', scripts, (_request, response) => {
    response.set('Cache-Control', 'public, max-age=86400').type('js').send(teamsSdk);
  });
  router.get('/tab.js', scripts, (_request, response) => {
    response.type('js').send(tabScript);
  });
  router.post('/sso', express.json({ limit: '16kb' }), async (request, response) => {
    const refuse = (status: number, errore: string) => void response.status(status).json({ errore });
    if (!fromSameOrigin(request)) return refuse(403, 'Richiesta non consentita.');
    if (!deps.tabToken) return refuse(401, "L'accesso da Teams non è configurato in questa installazione.");
    const token = (request.body as { token?: unknown }).token;
    if (typeof token !== 'string' || token.length > 8_000) return refuse(400, 'Token mancante.');
    const identity = await verifyTabToken(token, deps.tabToken);
    if (!identity)
      return refuse(401, 'Accesso non valido: token non riconosciuto, scaduto o di un altro ente.');
    const caller = await deps.findCaller(identity);
    if (!caller)
      return refuse(403, "Utente non abilitato a Sportello: scrivere all'Ufficio Amministrazione.");
    response.cookie(sessionCookie, deps.sessions.issue(caller.teamsUserId), {
      httpOnly: true,
      path: '/console',
      maxAge: sessionLifetimeMs,
      ...(deps.secureCookies ? { sameSite: 'none' as const, secure: true } : { sameSite: 'lax' as const }),
    });
    response.status(204).end();
  });
}
