import type { Router } from 'express';
import type { BudgetOverview } from '../services/office/budget-overview.js';
import { ambitoBody, budgetBody } from './budget-page.js';
import { requireCaller, sendPage, sendUnavailable, type PersonOf, type SignedIn } from './console-guards.js';
import { html } from './html.js';

/** «Budget» for staff (any Comune) and social workers (their own), with the workbook to download. */
export function mountBudgetPage(
  router: Router,
  budget: BudgetOverview,
  signedIn: SignedIn,
  person: PersonOf,
): void {
  router.get('/budget', async (request, response) => {
    const caller = await requireCaller(request, response, signedIn);
    if (!caller) return;
    const requested = typeof request.query['comune'] === 'string' ? request.query['comune'] : null;
    // Staff open on the whole Ambito and drill into a Comune; a social worker sees her own.
    const overview = requested === null ? await budget.overview(caller) : null;
    if (overview)
      return sendPage(request, response, {
        title: 'Budget',
        body: ambitoBody(overview),
        person: person(caller),
      });
    const view = await budget.view(caller, requested);
    if (!view)
      return sendUnavailable(
        request,
        response,
        person(caller),
        html`<p>Il budget è consultabile dal personale dell’ufficio e dalle assistenti sociali dei Comuni.</p>`,
      );
    sendPage(request, response, { title: 'Budget', body: budgetBody(view), person: person(caller) });
  });
  router.get('/budget/:comune/riepilogo.xlsx', async (request, response) => {
    const caller = await requireCaller(request, response, signedIn);
    if (!caller) return;
    const file = await budget.workbook(caller, String(request.params['comune']));
    if (!file) return void response.status(404).type('text').send('Riepilogo non disponibile.');
    response
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set('Content-Disposition', `attachment; filename="${file.name}"`)
      .send(Buffer.from(file.bytes));
  });
}
