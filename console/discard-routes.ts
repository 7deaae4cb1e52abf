import type { Router } from 'express';
import type { Retention } from '../services/retention/retention.js';
import { discardBody } from './discard-page.js';
import { requirePost, requireStaffPage, sendPage, sendUnavailable } from './console-guards.js';
import type { PersonOf, SignedIn } from './console-guards.js';
import { html } from './html.js';

const notices = {
  fatto: html`<p class="fatto" role="status">Fascicolo scartato: i dati della persona sono stati resi anonimi.</p>`,
  superato: html`<p class="avviso" role="status">La proposta non era più aperta.</p>`,
} as const;

/** «Scarto dei fascicoli», for staff: the retention job's proposals and their approval (audited). */
export function mountDiscardPage(
  router: Router,
  retention: Retention,
  signedIn: SignedIn,
  person: PersonOf,
): void {
  router.get('/scarto', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const proposals = await retention.proposals(caller);
    if (!Array.isArray(proposals)) return sendUnavailable(request, response, person(caller));
    const esito = request.query['esito'];
    const notice = esito === 'fatto' || esito === 'superato' ? notices[esito] : '';
    sendPage(request, response, {
      title: 'Scarto dei fascicoli',
      body: discardBody(proposals, notice),
      person: person(caller),
    });
  });
  router.post('/scarto/:id/approva', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const id = String(request.params['id']);
    if (!/^[0-9a-f-]{36}$/.test(id)) return sendUnavailable(request, response, person(caller));
    const result = await retention.approve(caller, id);
    if (result.outcome === 'refused' && result.code === 'not_staff')
      return sendUnavailable(request, response, person(caller));
    response.redirect(303, `/console/scarto?esito=${result.outcome === 'discarded' ? 'fatto' : 'superato'}`);
  });
}
