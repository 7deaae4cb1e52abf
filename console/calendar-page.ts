import type { CalendarEntry, WaitingMessage } from '../services/office/calendar-and-outbox.js';
import { formatHistoryTime } from '../services/history/request-timeline.js';
import { html, type HtmlFragment } from './html.js';

const when = (date: Date | null) => (date ? formatHistoryTime(date) : '—');

function ledgerTable(caption: string, rows: readonly CalendarEntry[]): HtmlFragment {
  if (rows.length === 0) return html`<h2>${caption}</h2><p>Nessuno.</p>`;
  const body = rows.map(
    (row) =>
      html`<tr><td>${when(row.dueAt)}</td><td>${row.kind}</td><td>${row.state}</td><td>${when(row.doneAt)}</td><td>${row.outcome ?? ''}</td></tr>`,
  );
  return html`<h2>${caption}</h2><table><thead><tr><th scope="col">Previsto</th><th scope="col">Promemoria</th><th scope="col">Stato</th><th scope="col">Eseguito</th><th scope="col">Esito</th></tr></thead><tbody>${body}</tbody></table>`;
}

function outboxTable(
  rows: readonly WaitingMessage[],
  counts: { failed: number; pending: number },
): HtmlFragment {
  const header = html`<h2>Posta in uscita non ancora partita</h2><p class="muted">${counts.failed} non recapitati, ${counts.pending} in attesa</p>`;
  if (rows.length === 0) return html`${header}<p>Tutti i messaggi sono partiti.</p>`;
  const body = rows.map((row) => {
    const retry =
      row.state === 'failed'
        ? html`<form method="post" action="/console/posta/${row.id}/riprova"><button type="submit">Riprova</button></form>`
        : html`prossimo tentativo ${when(row.nextAttemptAt)}`;
    return html`<tr><td>${when(row.createdAt)}</td><td>${row.kind} (${row.channel})</td><td>${row.recipient}</td><td>${row.state === 'failed' ? 'non recapitato' : 'in attesa'}, tentativi ${row.attempts}${row.lastError ? html`<br><span class="muted">${row.lastError}</span>` : ''}</td><td>${retry}</td></tr>`;
  });
  return html`${header}<table><thead><tr><th scope="col">Creato</th><th scope="col">Messaggio</th><th scope="col">Destinatario</th><th scope="col">Stato</th><th scope="col">Azione</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** «Calendario e posta in uscita»: what did not leave, the reminders to come and those that ran. */
export function calendarBody(
  view: {
    outbox: { rows: readonly WaitingMessage[]; failed: number; pending: number };
    planned: readonly CalendarEntry[];
    ran: readonly CalendarEntry[];
  },
  notice: HtmlFragment | '',
): HtmlFragment {
  return html`<h1>Calendario e posta in uscita</h1>${notice}${outboxTable(view.outbox.rows, view.outbox)}${ledgerTable('Prossimi promemoria', view.planned)}${ledgerTable('Ultimi promemoria eseguiti', view.ran)}`;
}
