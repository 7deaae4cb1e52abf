import { formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import { forecastLineStatusLabels } from '../domain/forecasts/forecast-line-check.js';
import { formatEuro, formatHours } from '../domain/money.js';
import type {
  CheckedForecast,
  CheckedForecastLine,
  ForecastSummary,
} from '../services/forecasts/forecast-review.js';
import { html, type HtmlFragment } from './html.js';

const stateLabels = { to_confirm: 'da confermare', confirmed: 'confermata' } as const;
const hoursOf = (minutes: number | null) => (minutes === null ? '' : String(minutes / 60).replace('.', ','));
const euroField = (cents: number | null) =>
  cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');

/** «Previsioni di spesa»: the Comuni's forecasts, those to confirm first. */
export function forecastListBody(forecasts: readonly ForecastSummary[]): HtmlFragment {
  const intro = html`<h1>Previsioni di spesa</h1><p>Le previsioni dei Comuni per i progetti in continuità: controllare le righe, correggerle se serve e confermare per aprire i progetti del nuovo periodo.</p>`;
  if (forecasts.length === 0) return html`${intro}<p>Nessuna previsione ricevuta.</p>`;
  const rows = forecasts.map(
    (forecast) =>
      html`<tr><td><a href="/console/previsioni/${forecast.id}">${formatShortItalianDate(forecast.receivedOn)}</a></td><td>${forecast.municipality}</td><td>${forecast.service ?? 'più servizi'}</td><td>${forecast.lines}</td><td>${stateLabels[forecast.state]}${forecast.late ? html` <span class="avviso">(in ritardo)</span>` : ''}</td></tr>`,
  );
  return html`${intro}<table><thead><tr><th scope="col">Ricevuta</th><th scope="col">Comune</th><th scope="col">Servizio</th><th scope="col">Beneficiari</th><th scope="col">Stato</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function previousOf(line: CheckedForecastLine): HtmlFragment {
  const project = line.continued;
  if (!project) return html`<span class="muted">nessun progetto in corso</span>`;
  const hours = project.annualMinutes === null ? '—' : `${formatHours(project.annualMinutes / 60)} h`;
  return html`${project.service}, ${project.providerName ?? 'ente non indicato'}<br><span class="muted">${hours}, ${formatEuro(project.committedBudgetCents)}${project.endDate ? `, fino al ${formatShortItalianDate(project.endDate)}` : ''}</span>`;
}

function lineRow(forecast: CheckedForecast, line: CheckedForecastLine, editable: boolean): HtmlFragment {
  const person = line.beneficiary ? `${line.beneficiary.surname} ${line.beneficiary.name}` : '';
  const form = `riga-${line.id}`;
  const field = (name: string, label: string, value: string) =>
    editable
      ? html`<input form="${form}" name="${name}" value="${value}" inputmode="decimal" size="8" aria-label="${`${label} – ${line.taxCode}`}">`
      : value || '—';
  const { status, estimateCents } = line.check;
  const tone = status === 'ok' ? 'fatto' : status === 'no_project' ? 'muted' : 'avviso';
  const statusText = html`<span class="${tone}">${forecastLineStatusLabels[status]}</span>${estimateCents !== null ? html`<br><span class="muted">costo stimato ${formatEuro(estimateCents)}</span>` : ''}${line.corrected ? html`<br><span class="muted">corretta dall’ufficio</span>` : ''}`;
  const action = editable
    ? html`<form id="${form}" method="post" action="/console/previsioni/${forecast.id}/righe/${line.id}"><input type="hidden" name="versione" value="${forecast.version}"><label><span><input type="checkbox" name="inclusa" value="1" ${line.included ? html`checked` : ''}> inclusa</span></label><button type="submit">Salva riga</button></form>`
    : line.openedProjectId
      ? 'progetto aperto'
      : line.included
        ? ''
        : 'esclusa';
  return html`<tr><td>${line.taxCode}<br><span class="muted">${person}</span></td><td>${previousOf(line)}</td><td>${field('ore', 'Ore', hoursOf(line.annualMinutes))}</td><td>${field('festive', 'Ore festive', hoursOf(line.festiveMinutes))}</td><td>${field('budget', 'Budget in euro', euroField(line.budgetCents))}</td><td>${statusText}</td><td>${action}</td></tr>`;
}

/** One forecast: its period, whether it was late, each row with its check and, until confirmed, its form. */
export function forecastBody(
  forecast: CheckedForecast,
  notice: { readonly text: string; readonly done: boolean } | null,
): HtmlFragment {
  const editable = forecast.state === 'to_confirm';
  const { period } = forecast;
  const late = period.late
    ? html`<p class="avviso">Pervenuta dopo il termine del ${formatShortItalianDate(period.dueBy)}.</p>`
    : '';
  const status = notice
    ? html`<p class="${notice.done ? 'fatto' : 'avviso'}" role="status">${notice.text}</p>`
    : '';
  const head = html`<p><a href="/console/previsioni">‹ Previsioni di spesa</a></p><h1>Previsione di spesa – ${forecast.municipality}</h1>${status}<p>Servizio: ${forecast.service ?? 'più servizi'} · ricevuta il ${formatShortItalianDate(forecast.receivedOn)} · periodo dal ${formatShortItalianDate(period.from)} al ${formatShortItalianDate(period.to)} · ${stateLabels[forecast.state]}${forecast.confirmedBy ? ` da ${forecast.confirmedBy}` : ''}</p>${late}`;
  const rows = forecast.lines.map((line) => lineRow(forecast, line, editable));
  const table = html`<table><caption class="muted">Ore e budget indicati dal Comune, IVA inclusa; il costo stimato è la quota del Comune alle tariffe in vigore nel periodo.</caption><thead><tr><th scope="col">Beneficiario</th><th scope="col">Progetto in corso</th><th scope="col">Ore</th><th scope="col">di cui festive</th><th scope="col">Budget (€)</th><th scope="col">Controllo</th><th scope="col">Azione</th></tr></thead><tbody>${rows}</tbody></table>`;
  const confirm = editable
    ? html`<form method="post" action="/console/previsioni/${forecast.id}/conferma"><input type="hidden" name="versione" value="${forecast.version}"><p>Confermando, per ogni riga inclusa con budget sufficiente si apre il progetto del periodo, collegato al progetto in corso e al contratto cumulativo; il progetto in corso termina il giorno prima.</p><button type="submit">Conferma la previsione</button></form>`
    : '';
  return html`${head}${table}${confirm}`;
}
