import type { Router } from 'express';
import type { BeneficiaryExport } from '../services/beneficiaries/beneficiary-export.js';
import type { WhoViewed } from '../services/office/who-viewed.js';
import { requirePost, requireStaffPage, sendPage, sendUnavailable } from './console-guards.js';
import type { PersonOf, SignedIn } from './console-guards.js';
import { readLogBody } from './read-log-page.js';

/**
 * «Accessi ai dati», for staff: who viewed a person's data, searched by codice fiscale, and the
 * export of everything held about that person (GDPR art. 15).
 */
export function mountReadLogPage(
  router: Router,
  pages: { readonly whoViewed: WhoViewed; readonly exports: BeneficiaryExport },
  signedIn: SignedIn,
  person: PersonOf,
): void {
  router.get('/accessi', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const taxCode = typeof request.query['cf'] === 'string' ? request.query['cf'].slice(0, 32) : '';
    const answer = taxCode ? await pages.whoViewed.of(caller, taxCode) : null;
    if (answer?.outcome === 'refused') return sendUnavailable(request, response, person(caller));
    sendPage(request, response, {
      title: 'Accessi ai dati',
      body: readLogBody(taxCode, answer),
      person: person(caller),
    });
  });
  router.post('/accessi/esporta', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const taxCode = String(request.body?.['cf'] ?? '').slice(0, 32);
    const result = await pages.exports.forCaller(caller, taxCode);
    if (!result || result.outcome === 'refused') return sendUnavailable(request, response, person(caller));
    response
      .type('application/zip')
      .set('Content-Disposition', `attachment; filename="${result.fileName}"`)
      .set('Cache-Control', 'no-store')
      .send(Buffer.from(result.zip));
  });
}
