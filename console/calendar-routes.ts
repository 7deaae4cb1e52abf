import type { Request, Response, Router } from 'express';
import type { Caller } from '../services/access/caller.js';
import type {
  CalendarAndOutbox,
  CalendarEntry,
  WaitingMessage,
} from '../services/office/calendar-and-outbox.js';
import { formatHistoryTime } from '../services/history/request-timeline.js';
import { consolePage, escapeHtml, themeFor } from './console-html.js';
import { fromSameOrigin } from './same-origin.js';

const when = (date: Date | null) => (date ? formatHistoryTime(date) : '—');

function ledgerTable(caption: string, rows: readonly CalendarEntry[]): string {
  if (rows.length === 0) return `<h2>${caption}</h2><p>Nessuno.</p>`;
  const body = rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(when(row.dueAt))}</td><td>${escapeHtml(row.kind)}</td><td>${escapeHtml(row.state)}</td><td>${escapeHtml(when(row.doneAt))}</td><td>${escapeHtml(row.outcome ?? '')}</td></tr>`,
    )
    .join('');
  return `<h2>${caption}</h2><table><thead><tr><th scope="col">Previsto</th><th scope="col">Promemoria</th><th scope="col">Stato</th><th scope="col">Eseguito</th><th scope="col">Esito</th></tr></thead><tbody>${body}</tbody></table>`;
}

function outboxTable(rows: readonly WaitingMessage[], counts: { failed: number; pending: number }): string {
  const header = `<h2>Posta in uscita non ancora partita</h2><p class="muted">${counts.failed} non recapitati, ${counts.pending} in attesa</p>`;
  if (rows.length === 0) return `${header}<p>Tutti i messaggi sono partiti.</p>`;
  const body = rows
    .map((row) => {
      const retry =
        row.state === 'failed'
          ? `<form method="post" action="/console/posta/${escapeHtml(row.id)}/riprova"><button type="submit">Riprova</button></form>`
          : `prossimo tentativo ${escapeHtml(when(row.nextAttemptAt))}`;
      return `<tr><td>${escapeHtml(when(row.createdAt))}</td><td>${escapeHtml(row.kind)} (${escapeHtml(row.channel)})</td><td>${escapeHtml(row.recipient)}</td><td>${row.state === 'failed' ? 'non recapitato' : 'in attesa'}, tentativi ${row.attempts}${row.lastError ? `<br><span class="muted">${escapeHtml(row.lastError)}</span>` : ''}</td><td>${retry}</td></tr>`;
    })
    .join('');
  return `${header}<table><thead><tr><th scope="col">Creato</th><th scope="col">Messaggio</th><th scope="col">Destinatario</th><th scope="col">Stato</th><th scope="col">Azione</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** «Calendario e posta in uscita», for staff: the reminder ledger and the outbox, with *riprova*. */
export function mountCalendarPage(
  router: Router,
  page: CalendarAndOutbox,
  outbox: { wake(): void },
  signedIn: (request: Request, response: Response) => Promise<Caller | null>,
  person: (caller: Caller) => { name: string; role: string; staff: boolean },
): void {
  router.get('/calendario', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const view = await page.view(caller);
    const theme = themeFor(request);
    if (!view) {
      const body = `<h1>Pagina non disponibile</h1><p>Solo il personale dell'Ufficio Amministrazione può consultare il calendario e la posta in uscita.</p>`;
      return void response
        .status(404)
        .type('html')
        .send(consolePage({ title: 'Pagina non disponibile', body, theme, person: person(caller) }));
    }
    const notice =
      request.query['esito'] === 'riprova'
        ? '<p class="fatto" role="status">Messaggio rimesso in coda: parte subito.</p>'
        : request.query['esito'] === 'no'
          ? '<p class="avviso" role="status">Il messaggio non era tra quelli non recapitati.</p>'
          : '';
    const body = `<h1>Calendario e posta in uscita</h1>${notice}${outboxTable(view.outbox.rows, view.outbox)}${ledgerTable('Prossimi promemoria', view.planned)}${ledgerTable('Ultimi promemoria eseguiti', view.ran)}`;
    response
      .type('html')
      .send(consolePage({ title: 'Calendario e posta in uscita', body, theme, person: person(caller) }));
  });
  router.post('/posta/:id/riprova', async (request, response) => {
    if (!fromSameOrigin(request))
      return void response.status(403).type('text').send('Richiesta non consentita.');
    const caller = await signedIn(request, response);
    if (!caller) return;
    const done = await page.retry(caller, String(request.params['id']));
    if (done) outbox.wake();
    response.redirect(303, `/console/calendario?esito=${done ? 'riprova' : 'no'}`);
  });
}
