import { formatEuro } from '../domain/money.js';
import type { AmbitoBudget, BudgetView } from '../services/office/budget-overview.js';
import { html, type HtmlFragment } from './html.js';

const percent = (basisPoints: number) =>
  `${(basisPoints / 100).toLocaleString('it-IT', { maximumFractionDigits: 1 })}%`;
const noProjects = html`<p>Nessun progetto nell’anno.</p>`;

/** A Comune's budget: by service (a chart that is also its table) and by project, with the workbook. */
export function budgetBody(view: BudgetView): HtmlFragment {
  const chooser =
    view.municipalities.length > 1
      ? html`<form class="filtri" method="get" action="/console/budget"><label>Comune<select name="comune">${view.municipalities.map(
          (m) =>
            html`<option value="${m.id}" ${m.id === view.municipality.id ? html`selected` : ''}>${m.name}</option>`,
        )}</select></label><button type="submit">Mostra</button></form>`
      : '';
  const max = Math.max(1, ...view.byService.map((bar) => Math.max(bar.committedCents, bar.spentCents)));
  // The chart is the table it draws: bars for the eye, the same figures as text for everyone.
  const chart = view.byService.map(
    (bar) =>
      html`<tr><th scope="row">${bar.service}</th><td><div class="barra" style="width:${Math.round((bar.committedCents / max) * 100)}%"></div>impegnato ${formatEuro(bar.committedCents)}<div class="barra spesa" style="width:${Math.round((bar.spentCents / max) * 100)}%"></div>speso ${formatEuro(bar.spentCents)}</td></tr>`,
  );
  const rows = view.rows.map((row) => {
    const l = row.ledger;
    const flag = l.thresholdReached ? html` <strong class="avviso">80% raggiunto</strong>` : '';
    const overrun = l.projectedOverrun
      ? html` <strong class="avviso">proiezione oltre il budget</strong>`
      : '';
    return html`<tr><td>${row.beneficiary}<br><span class="muted">${row.taxCode}</span></td><td>${row.service}</td><td>${row.provider}</td>
<td>${formatEuro(l.committedCents)}</td><td>${formatEuro(l.spentCents)}${l.districtFundCents > 0 ? html`<br><span class="muted">quota FUD ${formatEuro(l.districtFundCents)}</span>` : ''}</td><td>${formatEuro(l.remainingCents)}</td>
<td>${percent(l.shareUsedBasisPoints)}${flag}</td><td>${l.projectedCents === null ? '—' : formatEuro(l.projectedCents)}${overrun}</td></tr>`;
  });
  const table =
    view.rows.length === 0
      ? noProjects
      : html`<table><caption class="muted">${view.rows.length} progetti nel ${view.year}</caption><thead><tr><th scope="col">Beneficiario</th><th scope="col">Servizio</th><th scope="col">Ente</th><th scope="col">Impegnato</th><th scope="col">Speso</th><th scope="col">Residuo</th><th scope="col">Quota usata</th><th scope="col">Proiezione a fine periodo</th></tr></thead><tbody>${rows}</tbody></table>`;
  const fund = view.rows.reduce((sum, row) => sum + row.ledger.districtFundCents, 0);
  const back =
    view.municipalities.length > 1 ? html`<p><a href="/console/budget">‹ Tutti i Comuni</a></p>` : '';
  return html`${back}<h1>Budget – Comune di ${view.municipality.name}</h1>${chooser}
<p>Speso ${formatEuro(view.spentCents)} su ${formatEuro(view.committedCents)} impegnati nel ${view.year}.${fund > 0 ? ` Quota del fondo distrettuale (FUD) per le presenze nei centri diurni, a carico del fondo e non del Comune: ${formatEuro(fund)}.` : ''} <a href="/console/budget/${view.municipality.id}/riepilogo.xlsx">Scarica il riepilogo (Excel)</a></p>
<h2>Per servizio</h2><table class="grafico"><tbody>${chart.length > 0 ? chart : html`<tr><td>Nessun dato.</td></tr>`}</tbody></table><h2>Per progetto</h2>${table}`;
}

/** Staff's first page: every Comune's totals, each a link to its budget. */
export function ambitoBody(overview: AmbitoBudget): HtmlFragment {
  const rows = overview.rows.map(
    (row) =>
      html`<tr><th scope="row"><a href="/console/budget?comune=${row.id}">${row.name}</a></th><td>${row.projects}</td><td>${formatEuro(row.committedCents)}</td><td>${formatEuro(row.spentCents)}</td><td>${percent(row.shareUsedBasisPoints)}</td><td>${row.alerts > 0 ? html`<strong class="avviso">${row.alerts}</strong>` : '—'}</td></tr>`,
  );
  const committed = overview.rows.reduce((sum, row) => sum + row.committedCents, 0);
  const spent = overview.rows.reduce((sum, row) => sum + row.spentCents, 0);
  const table =
    overview.rows.length === 0
      ? noProjects
      : html`<table><caption class="muted">${overview.rows.length} Comuni con progetti nel ${overview.year}</caption><thead><tr><th scope="col">Comune</th><th scope="col">Progetti</th><th scope="col">Impegnato</th><th scope="col">Speso</th><th scope="col">Quota usata</th><th scope="col">Progetti in allerta (80% o proiezione oltre il budget)</th></tr></thead><tbody>${rows}</tbody></table>`;
  return html`<h1>Budget – tutti i Comuni</h1><p>Speso ${formatEuro(spent)} su ${formatEuro(committed)} impegnati nel ${overview.year}. Scegliere un Comune per vederne i progetti.</p>${table}`;
}
