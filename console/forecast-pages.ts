import { formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import { forecastLineStatusLabels } from '../domain/forecasts/forecast-line-check.js';
import { formatEuro, formatHours } from '../domain/money.js';
import type {
  CheckedForecast,
  CheckedForecastLine,
  ForecastSummary,
} from '../services/forecasts/forecast-review.js';
import { escapeHtml } from './console-html.js';

const stateLabels = { to_confirm: 'da confermare', confirmed: 'confermata' } as const;
const hoursOf = (minutes: number | null) => (minutes === null ? '' : String(minutes / 60).replace('.', ','));
const euroField = (cents: number | null) =>
  cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');

/** «Previsioni di spesa»: the Comuni's forecasts, those to confirm first. */
export function forecastListBody(forecasts: readonly ForecastSummary[]): string {
  const intro =
    '<h1>Previsioni di spesa</h1><p>Le previsioni dei Comuni per i progetti in continuità: controllare le righe, correggerle se serve e confermare per aprire i progetti del nuovo periodo.</p>';
  if (forecasts.length === 0) return `${intro}<p>Nessuna previsione ricevuta.</p>`;
  const rows = forecasts
    .map(
      (forecast) =>
        `<tr><td><a href="/console/previsioni/${escapeHtml(forecast.id)}">${escapeHtml(formatShortItalianDate(forecast.receivedOn))}</a></td><td>${escapeHtml(forecast.municipality)}</td><td>${escapeHtml(forecast.service ?? 'più servizi')}</td><td>${forecast.lines}</td><td>${stateLabels[forecast.state]}${forecast.late ? ' <span class="avviso">(in ritardo)</span>' : ''}</td></tr>`,
    )
    .join('');
  return `${intro}<table><thead><tr><th scope="col">Ricevuta</th><th scope="col">Comune</th><th scope="col">Servizio</th><th scope="col">Beneficiari</th><th scope="col">Stato</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function previousOf(line: CheckedForecastLine): string {
  const project = line.continued;
  if (!project) return '<span class="muted">nessun progetto in corso</span>';
  const hours = project.annualMinutes === null ? '—' : `${formatHours(project.annualMinutes / 60)} h`;
  return `${escapeHtml(project.service)}, ${escapeHtml(project.providerName ?? 'ente non indicato')}<br><span class="muted">${hours}, ${escapeHtml(formatEuro(project.committedBudgetCents))}${project.endDate ? `, fino al ${escapeHtml(formatShortItalianDate(project.endDate))}` : ''}</span>`;
}

function lineRow(forecast: CheckedForecast, line: CheckedForecastLine, editable: boolean): string {
  const person = line.beneficiary ? `${line.beneficiary.surname} ${line.beneficiary.name}` : '';
  const form = `riga-${line.id}`;
  const field = (name: string, label: string, value: string) =>
    editable
      ? `<input form="${form}" name="${name}" value="${escapeHtml(value)}" inputmode="decimal" size="8" aria-label="${escapeHtml(`${label} – ${line.taxCode}`)}">`
      : escapeHtml(value || '—');
  const status = line.check.status;
  const statusText = `<span class="${status === 'ok' ? 'fatto' : status === 'no_project' ? 'muted' : 'avviso'}">${escapeHtml(forecastLineStatusLabels[status])}</span>${line.check.estimateCents !== null ? `<br><span class="muted">costo stimato ${escapeHtml(formatEuro(line.check.estimateCents))}</span>` : ''}${line.corrected ? '<br><span class="muted">corretta dall’ufficio</span>' : ''}`;
  const action = editable
    ? `<form id="${form}" method="post" action="/console/previsioni/${escapeHtml(forecast.id)}/righe/${escapeHtml(line.id)}"><input type="hidden" name="versione" value="${forecast.version}"><label><span><input type="checkbox" name="inclusa" value="1"${line.included ? ' checked' : ''}> inclusa</span></label><button type="submit">Salva riga</button></form>`
    : line.openedProjectId
      ? 'progetto aperto'
      : line.included
        ? ''
        : 'esclusa';
  return `<tr><td>${escapeHtml(line.taxCode)}<br><span class="muted">${escapeHtml(person)}</span></td><td>${previousOf(line)}</td><td>${field('ore', 'Ore', hoursOf(line.annualMinutes))}</td><td>${field('festive', 'Ore festive', hoursOf(line.festiveMinutes))}</td><td>${field('budget', 'Budget in euro', euroField(line.budgetCents))}</td><td>${statusText}</td><td>${action}</td></tr>`;
}

/** One forecast: its period, whether it was late, each row with its check and, until confirmed, its form. */
export function forecastBody(forecast: CheckedForecast, notice: string | null): string {
  const editable = forecast.state === 'to_confirm';
  const late = forecast.period.late
    ? `<p class="avviso">Pervenuta dopo il termine del ${escapeHtml(formatShortItalianDate(forecast.period.dueBy))}.</p>`
    : '';
  const head = `<p><a href="/console/previsioni">‹ Previsioni di spesa</a></p><h1>Previsione di spesa – ${escapeHtml(forecast.municipality)}</h1>${notice ? `<p class="${notice.startsWith('Previsione confermata') || notice === 'Riga aggiornata.' ? 'fatto' : 'avviso'}" role="status">${escapeHtml(notice)}</p>` : ''}<p>Servizio: ${escapeHtml(forecast.service ?? 'più servizi')} · ricevuta il ${escapeHtml(formatShortItalianDate(forecast.receivedOn))} · periodo dal ${escapeHtml(formatShortItalianDate(forecast.period.from))} al ${escapeHtml(formatShortItalianDate(forecast.period.to))} · ${stateLabels[forecast.state]}${forecast.confirmedBy ? ` da ${escapeHtml(forecast.confirmedBy)}` : ''}</p>${late}`;
  const rows = forecast.lines.map((line) => lineRow(forecast, line, editable)).join('');
  const table = `<table><caption class="muted">Ore e budget indicati dal Comune, IVA inclusa; il costo stimato è la quota del Comune alle tariffe in vigore nel periodo.</caption><thead><tr><th scope="col">Beneficiario</th><th scope="col">Progetto in corso</th><th scope="col">Ore</th><th scope="col">di cui festive</th><th scope="col">Budget (€)</th><th scope="col">Controllo</th><th scope="col">Azione</th></tr></thead><tbody>${rows}</tbody></table>`;
  const confirm = editable
    ? `<form method="post" action="/console/previsioni/${escapeHtml(forecast.id)}/conferma"><input type="hidden" name="versione" value="${forecast.version}"><p>Confermando, per ogni riga inclusa con budget sufficiente si apre il progetto del periodo, collegato al progetto in corso e al contratto cumulativo; il progetto in corso termina il giorno prima.</p><button type="submit">Conferma la previsione</button></form>`
    : '';
  return head + table + confirm;
}
