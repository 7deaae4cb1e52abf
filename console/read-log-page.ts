import { readActionLabel, type RecordedRead } from '../services/access/read-log.js';
import { formatHistoryTime } from '../services/history/request-timeline.js';
import type { WhoViewedAnswer } from '../services/office/who-viewed.js';
import { html, type HtmlFragment } from './html.js';
import { requestHref } from './request-page.js';

const roles: Record<string, string> = {
  staff: 'personale',
  social_worker: 'assistente sociale',
  provider: 'ente gestore',
};

function readsTable(reads: readonly RecordedRead[]): HtmlFragment {
  if (reads.length === 0) return html`<p>Nessun accesso registrato ai dati di questa persona.</p>`;
  const rows = reads.map(
    (read) =>
      html`<tr><td>${formatHistoryTime(read.at)}</td><td>${read.actorName}</td><td>${roles[read.role] ?? read.role}</td><td>${readActionLabel(read.action)}</td><td>${read.protocol ? html`<a href="${requestHref(read.protocol)}">${read.protocol}</a>` : '—'}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">Quando</th><th scope="col">Chi</th><th scope="col">Ruolo</th><th scope="col">Che cosa</th><th scope="col">Pratica</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The staff action that gives everything held about the person in one ZIP (GDPR art. 15). */
function exportForm(taxCode: string): HtmlFragment {
  return html`<form method="post" action="/console/accessi/esporta"><input type="hidden" name="cf" value="${taxCode}"><button type="submit">Esporta tutti i dati della persona (ZIP, art. 15 GDPR)</button></form>`;
}

/** «Accessi ai dati»: the form, and the views of one person's data when a codice fiscale was given. */
export function readLogBody(
  taxCode: string,
  answer: Exclude<WhoViewedAnswer, { outcome: 'refused' }> | null,
) {
  const form = html`<form method="get" action="/console/accessi"><label for="cf">Codice fiscale della persona</label> <input id="cf" name="cf" value="${taxCode}" autocomplete="off" required> <button type="submit">Cerca</button></form>`;
  const result = !answer
    ? ''
    : answer.outcome === 'invalid_tax_code'
      ? html`<p class="avviso" role="status">Il codice fiscale indicato non è nella forma corretta (16 caratteri).</p>`
      : answer.outcome === 'unknown'
        ? html`<p role="status">Nessuna persona con codice fiscale ${answer.taxCode} nel registro.</p>`
        : html`<h2>${answer.beneficiary} (${answer.taxCode})</h2>${exportForm(answer.taxCode)}${readsTable(answer.reads)}`;
  return html`<h1>Accessi ai dati delle persone</h1><p class="muted">Chi ha visto i dati di una persona, quando e dove: la console, Teams, i comandi dell'ufficio. Le voci si conservano almeno 24 mesi e non si modificano.</p>${form}${result}`;
}
