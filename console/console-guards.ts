import type { Request, Response } from 'express';
import type { Caller } from '../services/access/caller.js';
import { isStaff } from '../services/access/refusal.js';
import { consolePage, themeFor } from './console-html.js';
import { html, type HtmlFragment } from './html.js';
import { fromSameOrigin } from './same-origin.js';

/** Finds the signed-in caller of a request, or answers it (sign-in page, 401) and gives null. */
export type SignedIn = (request: Request, response: Response) => Promise<Caller | null>;

/** The header's person and the sections the navigation offers them. */
export type PersonOf = (caller: Caller) => { name: string; role: string; staff?: boolean; budget?: boolean };

/** Sends a whole console page. */
export function sendPage(
  request: Request,
  response: Response,
  page: { title: string; body: HtmlFragment; person: ReturnType<PersonOf> | null },
): void {
  response.type('html').send(consolePage({ ...page, theme: themeFor(request) }));
}

/**
 * The one «Pagina non disponibile» (404): a page that does not exist and a page that is not the
 * caller's look the same, so that nothing is learnt by guessing.
 */
export function sendUnavailable(
  request: Request,
  response: Response,
  person: ReturnType<PersonOf> | null,
  explanation: HtmlFragment = html`<p>La pagina non esiste, oppure non rientra tra quelle che può consultare.</p>`,
): void {
  response.status(404);
  sendPage(request, response, {
    title: 'Pagina non disponibile',
    body: html`<h1>Pagina non disponibile</h1>${explanation}`,
    person,
  });
}

/** The one 403: a form posted from another site's page. */
export function refuseCrossSite(response: Response): void {
  response.status(403).type('text').send('Richiesta non consentita.');
}

/** The signed-in caller of a page, or null once answered. */
export function requireCaller(
  request: Request,
  response: Response,
  signedIn: SignedIn,
): Promise<Caller | null> {
  return signedIn(request, response);
}

/** The signed-in staff member of a page, or null once answered («Pagina non disponibile» for others). */
export async function requireStaffPage(
  request: Request,
  response: Response,
  signedIn: SignedIn,
  person: PersonOf,
): Promise<Caller | null> {
  const caller = await signedIn(request, response);
  if (!caller) return null;
  if (isStaff(caller)) return caller;
  sendUnavailable(
    request,
    response,
    person(caller),
    html`<p>La pagina è riservata al personale dell'Ufficio Amministrazione.</p>`,
  );
  return null;
}

/** The signed-in caller of a form post from the console's own pages, or null once answered (403). */
export async function requirePost(
  request: Request,
  response: Response,
  signedIn: SignedIn,
): Promise<Caller | null> {
  if (!fromSameOrigin(request)) {
    refuseCrossSite(response);
    return null;
  }
  return signedIn(request, response);
}
