import { dayCentreServiceCodes, hourlyServiceCodes } from '../domain/catalogue/service-codes.js';
import { serviceLabel } from '../domain/catalogue/services.js';
import { requestKindLabel, requestStatusLabel, requestStatuses } from '../domain/requests/request-labels.js';
import { formatHistoryTime, historyLabel, type HistoryEvent } from '../services/history/request-timeline.js';
import type { RequestFilters, RequestRow } from '../services/office/request-register.js';
import { html, raw, type HtmlFragment } from './html.js';

const dateTime = { format: formatHistoryTime };
// The services requested by e-mail form: those the register can be filtered by.
const services = [...hourlyServiceCodes, ...dayCentreServiceCodes];

/** The link to a request's page: `2027/0000123` → `/console/pratiche/2027/0000123`. */
export function requestHref(protocol: string): string {
  return `/console/pratiche/${protocol.split('/').map(encodeURIComponent).join('/')}`;
}

const option = (value: string, label: string, selected: string | null) =>
  html`<option value="${value}"${raw(value === selected ? ' selected' : '')}>${label}</option>`;

/** «Pratiche»: the filters, one page of requests, and the pages. */
export function requestListBody(input: {
  filters: RequestFilters;
  rows: readonly RequestRow[];
  total: number;
  pages: number;
  municipalities: readonly { id: string; name: string }[];
}): HtmlFragment {
  const { filters } = input;
  const form = html`<form class="filtri" method="get" action="/console/pratiche" role="search" aria-label="Filtri delle pratiche">
<label>Comune<select name="comune"><option value="">Tutti</option>${input.municipalities.map((m) => option(m.id, m.name, filters.municipalityId))}</select></label>
<label>Servizio<select name="servizio"><option value="">Tutti</option>${services.map((code) => option(code, code, filters.service))}</select></label>
<label>Stato<select name="stato"><option value="">Tutti</option>${requestStatuses.map((status) => option(status, requestStatusLabel(status), filters.status))}</select></label>
<label>Dal<input type="date" name="dal" value="${filters.from}"></label>
<label>Al<input type="date" name="al" value="${filters.to}"></label>
<label>Cerca<input type="search" name="testo" value="${filters.text}" placeholder="numero, codice fiscale, cognome"></label>
<label>Ordine<select name="ordine">${option('newest', 'più recenti', filters.sort)}${option('oldest', 'meno recenti', filters.sort)}</select></label>
<button type="submit">Filtra</button></form>`;
  const rows = input.rows.map(
    (row) => html`<tr><td><a href="${requestHref(row.protocol)}">${row.protocol}</a></td>
<td>${dateTime.format(row.receivedAt)}</td><td>${requestKindLabel(row.kind)}</td>
<td>${row.service ?? '—'}</td><td>${row.beneficiary ?? '—'}<br><span class="muted">${row.taxCode ?? ''}</span></td>
<td>${row.municipality ?? '—'}</td><td>${requestStatusLabel(row.status)}</td></tr>`,
  );
  const table =
    input.rows.length === 0
      ? html`<p>Nessuna pratica corrisponde ai filtri.</p>`
      : html`<table><caption class="muted">${input.total} pratiche, pagina ${filters.page} di ${input.pages}</caption>
<thead><tr><th scope="col">Numero</th><th scope="col">Ricevuta</th><th scope="col">Tipo</th><th scope="col">Servizio</th><th scope="col">Beneficiario</th><th scope="col">Comune</th><th scope="col">Stato</th></tr></thead><tbody>${rows}</tbody></table>`;
  return html`<h1>Pratiche</h1>${form}${table}${pager(filters, input.pages)}`;
}

function pager(filters: RequestFilters, pages: number): HtmlFragment {
  if (pages <= 1) return html``;
  const link = (page: number, label: string) => {
    const query = new URLSearchParams({
      ...(filters.municipalityId ? { comune: filters.municipalityId } : {}),
      ...(filters.service ? { servizio: filters.service } : {}),
      ...(filters.status ? { stato: filters.status } : {}),
      ...(filters.from ? { dal: filters.from } : {}),
      ...(filters.to ? { al: filters.to } : {}),
      ...(filters.text ? { testo: filters.text } : {}),
      ordine: filters.sort,
      pagina: String(page),
    });
    return html`<a href="/console/pratiche?${query.toString()}">${label}</a>`;
  };
  return html`<nav aria-label="Pagine"><p>${filters.page > 1 ? link(filters.page - 1, '‹ precedente') : ''} Pagina ${filters.page} di ${pages} ${filters.page < pages ? link(filters.page + 1, 'successiva ›') : ''}</p></nav>`;
}

/** One request: what it is, and its whole story, oldest first. */
export function requestBody(
  request: RequestRow,
  timeline: readonly HistoryEvent[],
  contract: HtmlFragment = html``,
): HtmlFragment {
  const events = timeline.map(
    (event) => html`<li><strong>${dateTime.format(event.at)}</strong> – ${historyLabel(event)}
<span class="muted">(${event.actor})</span>${event.detail ? html`<br>${event.detail}` : ''}</li>`,
  );
  return html`<p><a href="/console/pratiche">‹ Pratiche</a></p>
<h1>Pratica ${request.protocol}</h1>
<table><tbody>
<tr><th scope="row">Tipo</th><td>${requestKindLabel(request.kind)}</td></tr>
<tr><th scope="row">Servizio</th><td>${serviceLabel(request.service)}</td></tr>
<tr><th scope="row">Beneficiario</th><td>${request.beneficiary ?? '—'} ${request.taxCode ?? ''}</td></tr>
<tr><th scope="row">Comune</th><td>${request.municipality ?? '—'}</td></tr>
<tr><th scope="row">Stato</th><td>${requestStatusLabel(request.status)}</td></tr>
</tbody></table>${contract}
<h2>Storia della pratica</h2><ol class="storia">${events.length > 0 ? events : html`<li>Nessun evento registrato.</li>`}</ol>`;
}
