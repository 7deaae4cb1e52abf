import type { Request, Response, Router } from 'express';
import { formatEuro } from '../domain/money.js';
import type { Caller } from '../services/access/caller.js';
import type { AmbitoBudget, BudgetOverview, BudgetView } from '../services/office/budget-overview.js';
import { consolePage, escapeHtml, themeFor } from './console-html.js';

const percent = (basisPoints: number) =>
  `${(basisPoints / 100).toLocaleString('it-IT', { maximumFractionDigits: 1 })}%`;

function budgetBody(view: BudgetView): string {
  const chooser =
    view.municipalities.length > 1
      ? `<form class="filtri" method="get" action="/console/budget"><label>Comune<select name="comune">${view.municipalities
          .map(
            (m) =>
              `<option value="${escapeHtml(m.id)}"${m.id === view.municipality.id ? ' selected' : ''}>${escapeHtml(m.name)}</option>`,
          )
          .join('')}</select></label><button type="submit">Mostra</button></form>`
      : '';
  const max = Math.max(1, ...view.byService.map((bar) => Math.max(bar.committedCents, bar.spentCents)));
  // The chart is the table it draws: bars for the eye, the same figures as text for everyone.
  const chart = view.byService
    .map(
      (bar) =>
        `<tr><th scope="row">${escapeHtml(bar.service)}</th><td><div class="barra" style="width:${Math.round((bar.committedCents / max) * 100)}%"></div>impegnato ${escapeHtml(formatEuro(bar.committedCents))}<div class="barra spesa" style="width:${Math.round((bar.spentCents / max) * 100)}%"></div>speso ${escapeHtml(formatEuro(bar.spentCents))}</td></tr>`,
    )
    .join('');
  const rows = view.rows
    .map((row) => {
      const l = row.ledger;
      const flag = l.thresholdReached ? ' <strong class="avviso">80% raggiunto</strong>' : '';
      const overrun = l.projectedOverrun ? ' <strong class="avviso">proiezione oltre il budget</strong>' : '';
      return `<tr><td>${escapeHtml(row.beneficiary)}<br><span class="muted">${escapeHtml(row.taxCode)}</span></td><td>${escapeHtml(row.service)}</td><td>${escapeHtml(row.provider)}</td>
<td>${escapeHtml(formatEuro(l.committedCents))}</td><td>${escapeHtml(formatEuro(l.spentCents))}${l.districtFundCents > 0 ? `<br><span class="muted">quota FUD ${escapeHtml(formatEuro(l.districtFundCents))}</span>` : ''}</td><td>${escapeHtml(formatEuro(l.remainingCents))}</td>
<td>${escapeHtml(percent(l.shareUsedBasisPoints))}${flag}</td><td>${l.projectedCents === null ? '—' : escapeHtml(formatEuro(l.projectedCents))}${overrun}</td></tr>`;
    })
    .join('');
  const table =
    view.rows.length === 0
      ? '<p>Nessun progetto nell’anno.</p>'
      : `<table><caption class="muted">${view.rows.length} progetti nel ${view.year}</caption><thead><tr><th scope="col">Beneficiario</th><th scope="col">Servizio</th><th scope="col">Ente</th><th scope="col">Impegnato</th><th scope="col">Speso</th><th scope="col">Residuo</th><th scope="col">Quota usata</th><th scope="col">Proiezione a fine periodo</th></tr></thead><tbody>${rows}</tbody></table>`;
  const fund = view.rows.reduce((sum, row) => sum + row.ledger.districtFundCents, 0);
  const back = view.municipalities.length > 1 ? '<p><a href="/console/budget">‹ Tutti i Comuni</a></p>' : '';
  return `${back}<h1>Budget – Comune di ${escapeHtml(view.municipality.name)}</h1>${chooser}
<p>Speso ${escapeHtml(formatEuro(view.spentCents))} su ${escapeHtml(formatEuro(view.committedCents))} impegnati nel ${view.year}.${fund > 0 ? ` Quota del fondo distrettuale (FUD) per le presenze nei centri diurni, a carico del fondo e non del Comune: ${escapeHtml(formatEuro(fund))}.` : ''} <a href="/console/budget/${escapeHtml(view.municipality.id)}/riepilogo.xlsx">Scarica il riepilogo (Excel)</a></p>
<h2>Per servizio</h2><table class="grafico"><tbody>${chart || '<tr><td>Nessun dato.</td></tr>'}</tbody></table><h2>Per progetto</h2>${table}`;
}

function ambitoBody(overview: AmbitoBudget): string {
  const rows = overview.rows
    .map(
      (row) =>
        `<tr><th scope="row"><a href="/console/budget?comune=${escapeHtml(row.id)}">${escapeHtml(row.name)}</a></th><td>${row.projects}</td><td>${escapeHtml(formatEuro(row.committedCents))}</td><td>${escapeHtml(formatEuro(row.spentCents))}</td><td>${escapeHtml(percent(row.shareUsedBasisPoints))}</td><td>${row.alerts > 0 ? `<strong class="avviso">${row.alerts}</strong>` : '—'}</td></tr>`,
    )
    .join('');
  const committed = overview.rows.reduce((sum, row) => sum + row.committedCents, 0);
  const spent = overview.rows.reduce((sum, row) => sum + row.spentCents, 0);
  const table =
    overview.rows.length === 0
      ? '<p>Nessun progetto nell’anno.</p>'
      : `<table><caption class="muted">${overview.rows.length} Comuni con progetti nel ${overview.year}</caption><thead><tr><th scope="col">Comune</th><th scope="col">Progetti</th><th scope="col">Impegnato</th><th scope="col">Speso</th><th scope="col">Quota usata</th><th scope="col">Progetti in allerta (80% o proiezione oltre il budget)</th></tr></thead><tbody>${rows}</tbody></table>`;
  return `<h1>Budget – tutti i Comuni</h1><p>Speso ${escapeHtml(formatEuro(spent))} su ${escapeHtml(formatEuro(committed))} impegnati nel ${overview.year}. Scegliere un Comune per vederne i progetti.</p>${table}`;
}

/** «Budget» for staff (any Comune) and social workers (their own), with the workbook to download. */
export function mountBudgetPage(
  router: Router,
  budget: BudgetOverview,
  signedIn: (request: Request, response: Response) => Promise<Caller | null>,
  person: (caller: Caller) => { name: string; role: string; staff: boolean },
): void {
  router.get('/budget', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const requested = typeof request.query['comune'] === 'string' ? request.query['comune'] : null;
    const theme = themeFor(request);
    // Staff open on the whole Ambito and drill into a Comune; a social worker sees her own.
    const overview = requested === null ? await budget.overview(caller) : null;
    if (overview)
      return void response
        .type('html')
        .send(consolePage({ title: 'Budget', body: ambitoBody(overview), theme, person: person(caller) }));
    const view = await budget.view(caller, requested);
    if (!view) {
      const body =
        '<h1>Pagina non disponibile</h1><p>Il budget è consultabile dal personale dell’ufficio e dalle assistenti sociali dei Comuni.</p>';
      return void response
        .status(404)
        .type('html')
        .send(consolePage({ title: 'Pagina non disponibile', body, theme, person: person(caller) }));
    }
    response
      .type('html')
      .send(consolePage({ title: 'Budget', body: budgetBody(view), theme, person: person(caller) }));
  });
  router.get('/budget/:comune/riepilogo.xlsx', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const file = await budget.workbook(caller, String(request.params['comune']));
    if (!file) return void response.status(404).type('text').send('Riepilogo non disponibile.');
    response
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set('Content-Disposition', `attachment; filename="${file.name}"`)
      .send(Buffer.from(file.bytes));
  });
}
