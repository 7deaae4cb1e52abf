import type { Router } from 'express';
import { parseItalianAmount, parseItalianDecimal } from '../domain/text/italian-numbers.js';
import { staffOnlyMessage, type RefusalCode } from '../services/access/refusal.js';
import type { ForecastReview } from '../services/forecasts/forecast-review.js';
import { requirePost, requireStaffPage, sendPage, sendUnavailable } from './console-guards.js';
import type { PersonOf, SignedIn } from './console-guards.js';
import { forecastBody, forecastListBody } from './forecast-page.js';

// Codes in the address bar, never text: a link cannot make the page say something else.
const notices: Record<string, string> = {
  riga: 'Riga aggiornata.',
  valori: 'Ore e budget vanno scritti come numeri (per esempio 120 oppure 3.450,00).',
  not_staff: staffOnlyMessage('gestire le previsioni di spesa'),
  not_found: 'Riga non trovata.',
  already_done: 'La previsione è già confermata.',
  rows_to_fix: 'Correggere o escludere prima le righe segnalate nella colonna «Controllo».',
  nothing_to_open: 'Nessun progetto in continuità da aprire in questa previsione.',
  stale: 'La previsione è stata aggiornata nel frattempo: controllare di nuovo le righe.',
};

/** A typed figure: empty is «not given»; anything that is not a number is refused. */
function figure(value: unknown, parse: (text: string) => number | null): number | null | 'invalid' {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return null;
  const parsed = parse(text.slice(0, 20));
  return parsed === null || parsed < 0 ? 'invalid' : parsed;
}

/** «Previsioni di spesa», for staff: the list, a forecast's rows, their corrections and the confirmation. */
export function mountForecastPages(
  router: Router,
  review: ForecastReview,
  signedIn: SignedIn,
  person: PersonOf,
): void {
  router.get('/previsioni', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const list = await review.list(caller);
    if (!list) return sendUnavailable(request, response, person(caller));
    sendPage(request, response, {
      title: 'Previsioni di spesa',
      body: forecastListBody(list),
      person: person(caller),
    });
  });
  router.get('/previsioni/:id', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const forecast = await review.view(caller, String(request.params['id']));
    if (!forecast) return sendUnavailable(request, response, person(caller));
    const esito = String(request.query['esito'] ?? '');
    const text = esito === 'confermata' ? confirmedNotice(forecast.lines) : (notices[esito] ?? null);
    const done = esito === 'confermata' || esito === 'riga';
    sendPage(request, response, {
      title: `Previsione di spesa – ${forecast.municipality}`,
      body: forecastBody(forecast, text ? { text, done } : null),
      person: person(caller),
    });
  });
  router.post('/previsioni/:id/righe/:line', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const id = String(request.params['id']);
    const form = request.body as Record<string, unknown>;
    const annualHours = figure(form['ore'], parseItalianDecimal);
    const festiveHours = figure(form['festive'], parseItalianDecimal);
    const budgetCents = figure(form['budget'], parseItalianAmount);
    if (annualHours === 'invalid' || festiveHours === 'invalid' || budgetCents === 'invalid')
      return response.redirect(303, `/console/previsioni/${encodeURIComponent(id)}?esito=valori`);
    const result = await review.correct(caller, {
      forecastId: id,
      version: versionOf(form['versione']),
      lineId: String(request.params['line']),
      annualHours,
      festiveHours,
      budgetCents,
      included: form['inclusa'] === '1',
    });
    response.redirect(303, `/console/previsioni/${encodeURIComponent(id)}?esito=${outcomeCode(result)}`);
  });
  router.post('/previsioni/:id/conferma', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const id = String(request.params['id']);
    const result = await review.confirm(caller, {
      forecastId: id,
      version: versionOf((request.body as Record<string, unknown>)['versione']),
    });
    const code = result.outcome === 'done' ? 'confermata' : result.code;
    response.redirect(303, `/console/previsioni/${encodeURIComponent(id)}?esito=${code}`);
  });
}

/** The page's version; anything else is a stale page. */
function versionOf(value: unknown): number {
  const version = Number(value);
  return Number.isInteger(version) && version >= 0 ? version : -1;
}

function outcomeCode(result: { outcome: 'done' } | { outcome: 'refused'; code: RefusalCode }): string {
  return result.outcome === 'done' ? 'riga' : result.code;
}

function confirmedNotice(lines: readonly { readonly openedProjectId: string | null }[]): string {
  const opened = lines.filter((line) => line.openedProjectId).length;
  return `Previsione confermata: ${opened} progetti in continuità aperti.`;
}
