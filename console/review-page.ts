import { formatHistoryTime } from '../services/history/request-timeline.js';
import type { MessageForReview, ReviewFolder } from '../services/office/messages-for-review.js';
import { html, type HtmlFragment } from './html.js';

const titles: Record<ReviewFolder, string> = { staff: 'Da verificare', quarantine: 'Quarantena' };
const intros: Record<ReviewFolder, string> = {
  staff:
    'Messaggi che Sportello non ha trattato da solo: una risposta a un contratto da leggere, un mittente non registrato, un modulo letto da una scansione incerta, un messaggio senza modulo.',
  quarantine:
    'Messaggi con allegati non leggibili (danneggiati, protetti, troppo grandi, firma non corrispondente): non hanno avuto risposta. Il messaggio resta nella cartella «Quarantena» della casella.',
};

/** The path of a folder's page. */
export function folderHref(folder: ReviewFolder): string {
  return folder === 'staff' ? '/console/da-verificare' : '/console/quarantena';
}

/** A folder of messages put aside: each with its reason, and a form to archive it with a note. */
export function reviewBody(input: {
  folder: ReviewFolder;
  rows: readonly MessageForReview[];
  total: number;
  page: number;
  pages: number;
  notice: string | null;
}): HtmlFragment {
  const items = input.rows.map(
    (row) => html`<li><p><strong>${formatHistoryTime(row.receivedAt)}</strong>
${row.from ? html` – da ${row.from}` : ''}${row.subject ? html`, oggetto «${row.subject}»` : ''}</p>
<p>${row.reason}</p>
<p class="muted">Tipo riconosciuto: ${row.kind ?? '—'}; Message-ID ${row.messageId ?? '—'} – <a href="/console/messaggi/${row.id}/letto">che cosa ha letto Sportello</a></p>
<form method="post" action="/console/messaggi/${row.id}/rielabora"><input type="hidden" name="cartella" value="${input.folder}"><button type="submit">Rielabora</button> <span class="muted">legge di nuovo il messaggio, una volta (dopo una correzione: mittente registrato, OCR installato…)</span></form>
<form method="post" action="/console/messaggi/${row.id}/archivia">
<input type="hidden" name="cartella" value="${input.folder}">
<label>Nota di archiviazione<input name="nota" required maxlength="500" placeholder="es. inoltrato all'assistente sociale"></label>
<button type="submit">Archivia</button></form></li>`,
  );
  const list =
    input.rows.length === 0
      ? html`<p>Nessun messaggio da verificare.</p>`
      : html`<ol class="storia">${items}</ol>`;
  const href = folderHref(input.folder);
  const pages =
    input.pages > 1
      ? html`<nav aria-label="Pagine"><p>${input.page > 1 ? html`<a href="${href}?pagina=${input.page - 1}">‹ precedente</a>` : ''} Pagina ${input.page} di ${input.pages} ${input.page < input.pages ? html`<a href="${href}?pagina=${input.page + 1}">successiva ›</a>` : ''}</p></nav>`
      : '';
  const notice = input.notice ? html`<p class="avviso" role="status">${input.notice}</p>` : '';
  return html`<h1>${titles[input.folder]}</h1>${notice}<p>${intros[input.folder]}</p><p class="muted">${input.total} messaggi</p>${list}${pages}`;
}

/** What Sportello read of a message put aside, read again now. */
export function whatWasReadBody(read: { kind: string; lines: readonly string[] }): HtmlFragment {
  return html`<p><a href="/console/da-verificare">‹ Da verificare</a></p><h1>Che cosa ha letto Sportello</h1><p class="muted">Tipo riconosciuto: ${read.kind}. Il messaggio è stato letto di nuovo ora, senza alcun effetto.</p><ul>${read.lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

export function folderTitle(folder: ReviewFolder): string {
  return titles[folder];
}
