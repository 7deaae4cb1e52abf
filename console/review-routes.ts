import type { RefusalCode } from '../services/access/refusal.js';
import type { Router } from 'express';
import type { MessagesForReview, ReviewFolder, WhatWasRead } from '../services/office/messages-for-review.js';
import type { ReprocessMessage } from '../services/office/reprocess-message.js';
import { requirePost, requireStaffPage, sendPage, sendUnavailable } from './console-guards.js';
import type { PersonOf, SignedIn } from './console-guards.js';
import { html } from './html.js';
import { folderHref, folderTitle, reviewBody, whatWasReadBody } from './review-page.js';

const outcomes: Record<string, string> = {
  'rielaborato-processed': 'Messaggio rielaborato: è stato trattato e ha avuto risposta.',
  'rielaborato-staff': 'Messaggio rielaborato: resta da verificare (vedere il motivo).',
  'rielaborato-quarantine': 'Messaggio rielaborato: resta in quarantena (vedere il motivo).',
  'rielabora-no': 'Il messaggio è già stato rielaborato o archiviato, o non è tra quelli da verificare.',
  'rielabora-attesa': 'La lettura della posta non è ancora avviata: riprovare tra poco.',
  archiviato: 'Messaggio archiviato.',
  nota: 'Indicare una nota: che cosa si è fatto del messaggio.',
  gia: 'Il messaggio è già stato archiviato, o non è tra quelli da verificare.',
  errore: "L'archiviazione non è riuscita: riprovare.",
};

// What a refused archiving shows, by the use case's code.
const archiveNotices: Partial<Record<RefusalCode, string>> = { reason_missing: 'nota', not_waiting: 'gia' };

/** The console's «Da verificare» and «Quarantena», for staff, on the console's router. */
export function mountReviewPages(
  router: Router,
  review: MessagesForReview,
  reprocess: ReprocessMessage,
  whatWasRead: WhatWasRead,
  signedIn: SignedIn,
  person: PersonOf,
): void {
  const folders: [string, ReviewFolder][] = [
    ['/da-verificare', 'staff'],
    ['/quarantena', 'quarantine'],
  ];
  for (const [path, folder] of folders) {
    router.get(path, async (request, response) => {
      const caller = await requireStaffPage(request, response, signedIn, person);
      if (!caller) return;
      const page = Number(request.query['pagina']);
      const current = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
      const list = await review.list(caller, folder, current);
      if (!list) return sendUnavailable(request, response, person(caller));
      // A code, never text from the address bar: a link cannot make the page say something else.
      const notice = outcomes[String(request.query['esito'])] ?? null;
      const body = reviewBody({ folder, ...list, page: current, notice });
      sendPage(request, response, { title: folderTitle(folder), body, person: person(caller) });
    });
  }
  router.get('/messaggi/:id/letto', async (request, response) => {
    const caller = await requireStaffPage(request, response, signedIn, person);
    if (!caller) return;
    const read = await whatWasRead.read(caller, String(request.params['id']));
    if (!read)
      return sendUnavailable(
        request,
        response,
        person(caller),
        html`<p>Il messaggio non è tra quelli da verificare, o la lettura della posta non è ancora avviata.</p>`,
      );
    sendPage(request, response, {
      title: 'Che cosa ha letto Sportello',
      body: whatWasReadBody(read),
      person: person(caller),
    });
  });
  router.post('/messaggi/:id/rielabora', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const folder: ReviewFolder =
      (request.body as { cartella?: unknown }).cartella === 'quarantine' ? 'quarantine' : 'staff';
    const result = await reprocess.run(caller, String(request.params['id']));
    const code =
      result.outcome === 'done'
        ? `rielaborato-${result.disposition}`
        : result.code === 'not_ready'
          ? 'rielabora-attesa'
          : 'rielabora-no';
    response.redirect(303, `${folderHref(folder)}?esito=${code}`);
  });
  router.post('/messaggi/:id/archivia', async (request, response) => {
    const caller = await requirePost(request, response, signedIn);
    if (!caller) return;
    const form = request.body as { nota?: unknown; cartella?: unknown };
    const folder: ReviewFolder = form.cartella === 'quarantine' ? 'quarantine' : 'staff';
    const result = await review.archive(caller, {
      id: String(request.params['id']),
      note: String(form.nota ?? ''),
    });
    const code = result.outcome === 'done' ? 'archiviato' : (archiveNotices[result.code] ?? 'errore');
    response.redirect(303, `${folderHref(folder)}?esito=${code}`);
  });
}
