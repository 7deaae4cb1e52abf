import { currentProtocolText } from '../domain/requests/protocol-number.js';
import { isStaff } from '../services/access/refusal.js';
import express, { type Express, type Request, type Response } from 'express';
import { tryCalendarDate } from '../domain/calendar/calendar-date.js';
import { requestStatuses } from '../domain/requests/request-labels.js';
import type { Caller } from '../services/access/caller.js';
import type { RequestFilters, RequestRegister } from '../services/office/request-register.js';
import type { MessagesForReview, WhatWasRead } from '../services/office/messages-for-review.js';
import type { ReprocessMessage } from '../services/office/reprocess-message.js';
import { mountReviewPages } from './review-routes.js';
import type { ContractCardActions } from '../services/contracts/contract-card-actions.js';
import { contractOutcome, mountContractActions } from './contract-routes.js';
import { contractSection } from './contract-section.js';
import type { CalendarAndOutbox } from '../services/office/calendar-and-outbox.js';
import { mountCalendarPage } from './calendar-routes.js';
import { mountReadLogPage } from './read-log-routes.js';
import { mountDiscardPage } from './discard-routes.js';
import type { Retention } from '../services/retention/retention.js';
import type { WhoViewed } from '../services/office/who-viewed.js';
import type { BeneficiaryExport } from '../services/beneficiaries/beneficiary-export.js';
import type { BudgetOverview } from '../services/office/budget-overview.js';
import { mountBudgetPage } from './budget-routes.js';
import type { ForecastReview } from '../services/forecasts/forecast-review.js';
import { mountForecastPages } from './forecast-routes.js';
import type { RequestFiles } from '../services/office/request-files.js';
import { mountRequestFiles } from './request-files-routes.js';
import { filesSection } from './request-files-section.js';
import { mountTabSignIn } from './tab-routes.js';
import { mountBrowserSignIn, type EntraSignIn } from './browser-sign-in.js';
import type { TabTokenCheck } from './tab-token.js';
import { consolePage, themeCookie, themeFor, themeOf } from './console-html.js';
import { html } from './html.js';
import { refuseCrossSite, sendUnavailable, type SignedIn } from './console-guards.js';
import { cookieOf, sessionCookie, sessionLifetimeMs, type ConsoleSessions } from './console-session.js';
import { requestBody, requestListBody } from './request-page.js';
import { fromSameOrigin } from './same-origin.js';

/** What the console's pages need, wired by the composition root. */
export interface ConsoleDependencies {
  readonly register: RequestRegister;
  readonly review: MessagesForReview;
  readonly reprocess: ReprocessMessage;
  readonly whatWasRead: WhatWasRead;
  /** What staff do on a contract, the same use case as the Teams card. */
  readonly contracts: ContractCardActions;
  readonly calendar: CalendarAndOutbox;
  readonly budget: BudgetOverview;
  /** Staff's review and confirmation of the Comuni's spending forecasts. */
  readonly forecasts: ForecastReview;
  readonly files: RequestFiles;
  /** Staff's view of the read log: who saw a person's data. */
  readonly whoViewed: WhoViewed;
  /** Staff's export of everything held about a person (GDPR art. 15). */
  readonly exports: BeneficiaryExport;
  /** The retention's discard proposals, approved by staff. */
  readonly retention: Retention;
  /** Sends what was just put back in the outbox now rather than at the next poll. */
  readonly outbox: { wake(): void };
  readonly people: {
    callerById(teamsUserId: string): Promise<Caller | null>;
    demoCallers(): Promise<Caller[]>;
  };
  readonly sessions: ConsoleSessions;
  /** The Teams tab's SSO check; null when no Entra ID application is configured. */
  readonly tabToken: TabTokenCheck | null;
  readonly findCaller: (identity: {
    aadObjectId: string | null;
    userPrincipalName: string | null;
  }) => Promise<Caller | null>;
  /** The sign-in in a browser through Entra ID; null: in production the console opens only in Teams. */
  readonly entra: EntraSignIn | null;
  /** Signs the short-lived state of the browser sign-in. */
  readonly secret: string;
  /** Local mode: a chooser of the demo users signs in. Production: Entra ID only (not yet offered). */
  readonly mode: 'development' | 'production';
}

const roleLabels: Record<Caller['role'], string> = {
  staff: 'Ufficio Amministrazione',
  social_worker: 'Assistente sociale',
  provider: 'Ente gestore',
};
const roleOf = (caller: Caller) =>
  caller.role === 'social_worker' && caller.municipalityName
    ? `${roleLabels.social_worker} – Comune di ${caller.municipalityName}`
    : roleLabels[caller.role];

/**
 * The office's console (issue #16) on the HTTP server, at `/console`: the same pages in a browser
 * and in the Teams tab. Every page finds the caller from the session first; the use cases apply
 * the caller's scope to every query.
 */
export function mountConsole(app: Express, deps: ConsoleDependencies): void {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '4kb' }));
  router.use((request, response, next) => {
    response.set({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // same-origin, not no-referrer: with no-referrer Chromium posts forms with «Origin: null».
      'Referrer-Policy': 'same-origin',
    });
    // Teams passes its theme to the tab's first page: kept for the pages after it.
    const tema = request.query['tema'];
    if (typeof tema === 'string')
      response.cookie(themeCookie, themeOf(tema), {
        path: '/console',
        ...(deps.mode === 'production'
          ? { sameSite: 'none' as const, secure: true }
          : { sameSite: 'lax' as const }),
      });
    next();
  });
  router.get('/accesso', async (request, response) => {
    if (deps.mode !== 'development') return refuseSignIn(response, request);
    const people = await deps.people.demoCallers();
    const choices = people.map(
      (person) =>
        html`<li><form method="post" action="/console/accesso"><input type="hidden" name="utente" value="${person.teamsUserId}"><button type="submit">${person.displayName}</button> <span class="muted">${roleOf(person)}</span></form></li>`,
    );
    const body = html`<h1>Accesso (modalità locale)</h1><p>Scegliere l'utente dimostrativo con cui entrare. In produzione l'accesso avviene con l'account Microsoft dell'ufficio.</p><ul>${choices}</ul>`;
    send(response, consolePage({ title: 'Accesso', body, theme: themeFor(request) }));
  });
  router.post('/accesso', async (request, response) => {
    if (deps.mode !== 'development') return refuseSignIn(response, request);
    // Another site's page must not sign a visitor in as someone of its choosing (login CSRF).
    if (!fromSameOrigin(request)) return refuseCrossSite(response);
    const id = String((request.body as { utente?: unknown }).utente ?? '');
    const person = (await deps.people.demoCallers()).find((candidate) => candidate.teamsUserId === id);
    if (!person) return response.redirect(303, '/console/accesso');
    response.cookie(sessionCookie, deps.sessions.issue(person.teamsUserId), {
      httpOnly: true,
      sameSite: 'lax',
      path: '/console',
      maxAge: sessionLifetimeMs,
    });
    response.redirect(303, '/console/pratiche');
  });
  router.get('/esci', (_request, response) => {
    response.clearCookie(sessionCookie, { path: '/console' });
    response.redirect(303, '/console/accesso');
  });
  router.get(['/', '/pratiche'], async (request, response) => {
    const caller = await signedIn(request, response, deps);
    if (!caller) return;
    const filters = filtersOf(request.query);
    const list = await deps.register.list(caller, filters);
    const body = requestListBody({ filters, ...list });
    send(
      response,
      consolePage({
        title: 'Pratiche',
        body,
        theme: themeFor(request),
        person: personOf(caller),
      }),
    );
  });
  router.get('/pratiche/:year/:number', async (request, response) => {
    const caller = await signedIn(request, response, deps);
    if (!caller) return;
    // A link written before numbers had seven digits still opens its request.
    const typed = `${request.params['year']}/${request.params['number']}`;
    const protocol = currentProtocolText(typed);
    const found = protocol ? await deps.register.request(caller, protocol) : null;
    const theme = themeFor(request);
    if (!found || !protocol)
      // The same answer whether it does not exist or is someone else's: nothing to learn by guessing.
      return sendUnavailable(
        request,
        response,
        personOf(caller),
        html`<p>La pratica ${typed} non esiste o non rientra tra quelle che può consultare.</p><p><a href="/console/pratiche">‹ Pratiche</a></p>`,
      );
    // Staff see the contract and its actions; the card's use case checks the role again.
    const contract =
      isStaff(caller) && found.request.contractId
        ? await deps.contracts.view(caller, found.request.contractId)
        : null;
    const card =
      contract && 'card' in contract && contract.card ? contractSection(contract.card, protocol) : '';
    const documents = filesSection(protocol, await deps.files.list(caller, protocol));
    const outcome = contractOutcome(request.query['esito']);
    const done = request.query['esito'] === 'fatto';
    const notice = outcome ? html`<p class="${done ? 'fatto' : 'avviso'}" role="status">${outcome}</p>` : '';
    send(
      response,
      consolePage({
        title: `Pratica ${protocol}`,
        body: html`${notice}${requestBody(found.request, found.timeline, html`${documents}${card}`)}`,
        theme,
        person: personOf(caller),
      }),
    );
  });
  const signedInCaller: SignedIn = (request, response) => signedIn(request, response, deps);
  mountContractActions(router, deps.contracts, signedInCaller);
  mountRequestFiles(router, deps.files, signedInCaller);
  mountBudgetPage(router, deps.budget, signedInCaller, personOf);
  mountForecastPages(router, deps.forecasts, signedInCaller, personOf);
  mountDiscardPage(router, deps.retention, signedInCaller, personOf);
  mountReadLogPage(router, { whoViewed: deps.whoViewed, exports: deps.exports }, signedInCaller, personOf);
  mountCalendarPage(router, deps.calendar, deps.outbox, signedInCaller, personOf);
  if (deps.entra)
    mountBrowserSignIn(router, deps.entra, {
      sessions: deps.sessions,
      secret: deps.secret,
      findCaller: deps.findCaller,
    });
  mountTabSignIn(router, {
    tabToken: deps.tabToken,
    findCaller: deps.findCaller,
    sessions: deps.sessions,
    secureCookies: deps.mode === 'production',
  });
  mountReviewPages(router, deps.review, deps.reprocess, deps.whatWasRead, signedInCaller, personOf);
  app.use('/console', router);
}

async function signedIn(
  request: Request,
  response: Response,
  deps: ConsoleDependencies,
): Promise<Caller | null> {
  const session = deps.sessions.read(cookieOf(request, sessionCookie));
  const caller = session ? await deps.people.callerById(session.teamsUserId) : null;
  if (caller) return caller;
  if (deps.mode === 'development') response.redirect(303, '/console/accesso');
  else if (deps.entra) response.redirect(303, '/console/entra');
  else refuseSignIn(response, request);
  return null;
}

function refuseSignIn(response: Response, request: Request): void {
  const body = html`<h1>Accesso non disponibile</h1><p>L'accesso alla console con l'account Microsoft dell'ufficio (Entra ID) non è ancora attivo in questa installazione. Per ora la console è disponibile solo in modalità locale.</p>`;
  send(
    response.status(401),
    consolePage({ title: 'Accesso non disponibile', body, theme: themeFor(request) }),
  );
}

function personOf(caller: Caller) {
  return {
    name: caller.displayName,
    role: roleOf(caller),
    staff: isStaff(caller),
    budget: caller.role !== 'provider',
  };
}

function send(response: Response, html: string): void {
  response.type('html').send(html);
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** The list's filters from the query string; anything malformed is ignored, never trusted. */
function filtersOf(query: Request['query']): RequestFilters {
  const page = Number(query['pagina']);
  const comune = text(query['comune'], 6);
  const servizio = text(query['servizio'], 8);
  const stato = text(query['stato'], 30);
  return {
    municipalityId: comune && /^\d{6}$/.test(comune) ? comune : null,
    service: servizio && /^[A-Z]{2,5}$/.test(servizio) ? servizio : null,
    status: stato && requestStatuses.includes(stato) ? stato : null,
    from: tryCalendarDate(text(query['dal'], 10) ?? ''),
    to: tryCalendarDate(text(query['al'], 10) ?? ''),
    text: text(query['testo'], 60),
    sort: query['ordine'] === 'oldest' ? 'oldest' : 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
