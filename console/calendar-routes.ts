import type { Router } from 'express';
import type { CalendarAndOutbox } from '../services/office/calendar-and-outbox.js';
import { calendarBody } from './calendar-page.js';
import { requirePost, requireStaffPage, sendPage, sendUnavailable } from './console-guards.js';
import type { PersonOf, SignedIn } from './console-guards.js';
import { html } from './html.js';

const notices = {
  riprova: html`<p class="fatto" role="status">Messaggio rimesso in coda: parte subito.</p>`,
  no: html`<p class="avviso" role="status">Il messaggio non era tra quelli non recapitati.</p>`,
} as const;

/** «Calendario e posta in uscita», for staff: the reminder ledger and the outbox, with *riprova*. */
export function mountCalendarPage(
  router: Router,
  page: CalendarAndOutbox,
  outbox: { wake(): void },
  signedIn: SignedIn,
  person: PersonOf,
): void {
  router.get('/calendario', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const view = await page.view(caller);
    if (!view) return sendUnavailable(request, response, person(caller));
    const esito = request.query['esito'];
    const notice = esito === 'riprova' || esito === 'no' ? notices[esito] : '';
    sendPage(request, response, {
      title: 'Calendario e posta in uscita',
      body: calendarBody(view, notice),
      person: person(caller),
    });
  });
  router.post('/posta/:id/riprova', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const done = await page.retry(caller, String(request.params['id']));
    if (done) outbox.wake();
    response.redirect(303, `/console/calendario?esito=${done ? 'riprova' : 'no'}`);
  });
}
