import { formatHistoryTime } from '../services/history/request-timeline.js';
import type { MessageForReview, ReviewFolder } from '../services/office/messages-for-review.js';
import { escapeHtml } from './console-html.js';

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
}): string {
  const items = input.rows
    .map(
      (row) => `<li><p><strong>${escapeHtml(formatHistoryTime(row.receivedAt))}</strong>
${row.from ? ` – da ${escapeHtml(row.from)}` : ''}${row.subject ? `, oggetto «${escapeHtml(row.subject)}»` : ''}</p>
<p>${escapeHtml(row.reason)}</p>
<p class="muted">Tipo riconosciuto: ${escapeHtml(row.kind ?? '—')}; Message-ID ${escapeHtml(row.messageId ?? '—')} – <a href="/console/messaggi/${escapeHtml(row.id)}/letto">che cosa ha letto Sportello</a></p>
<form method="post" action="/console/messaggi/${escapeHtml(row.id)}/rielabora"><input type="hidden" name="cartella" value="${input.folder}"><button type="submit">Rielabora</button> <span class="muted">legge di nuovo il messaggio, una volta (dopo una correzione: mittente registrato, OCR installato…)</span></form>
<form method="post" action="/console/messaggi/${escapeHtml(row.id)}/archivia">
<input type="hidden" name="cartella" value="${input.folder}">
<label>Nota di archiviazione<input name="nota" required maxlength="500" placeholder="es. inoltrato all'assistente sociale"></label>
<button type="submit">Archivia</button></form></li>`,
    )
    .join('');
  const list =
    input.rows.length === 0 ? '<p>Nessun messaggio da verificare.</p>' : `<ol class="storia">${items}</ol>`;
  const pages =
    input.pages > 1
      ? `<nav aria-label="Pagine"><p>${input.page > 1 ? `<a href="${folderHref(input.folder)}?pagina=${input.page - 1}">‹ precedente</a>` : ''} Pagina ${input.page} di ${input.pages} ${input.page < input.pages ? `<a href="${folderHref(input.folder)}?pagina=${input.page + 1}">successiva ›</a>` : ''}</p></nav>`
      : '';
  const notice = input.notice ? `<p class="avviso" role="status">${escapeHtml(input.notice)}</p>` : '';
  return `<h1>${titles[input.folder]}</h1>${notice}<p>${intros[input.folder]}</p><p class="muted">${input.total} messaggi</p>${list}${pages}`;
}

export function folderTitle(folder: ReviewFolder): string {
  return titles[folder];
}
