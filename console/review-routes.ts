import type { RefusalCode } from '../services/access/refusal.js';
import type { Request, Response, Router } from 'express';
import type { Caller } from '../services/access/caller.js';
import type { MessagesForReview, ReviewFolder, WhatWasRead } from '../services/office/messages-for-review.js';
import type { ReprocessMessage } from '../services/office/reprocess-message.js';
import { consolePage, escapeHtml, themeFor } from './console-html.js';
import { folderHref, folderTitle, reviewBody } from './review-pages.js';
import { fromSameOrigin } from './same-origin.js';

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
  signedIn: (request: Request, response: Response) => Promise<Caller | null>,
  person: (caller: Caller) => { name: string; role: string },
): void {
  const folders: [string, ReviewFolder][] = [
    ['/da-verificare', 'staff'],
    ['/quarantena', 'quarantine'],
  ];
  for (const [path, folder] of folders) {
    router.get(path, async (request, response) => {
      const caller = await signedIn(request, response);
      if (!caller) return;
      const page = Number(request.query['pagina']);
      const current = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
      const list = await review.list(caller, folder, current);
      const theme = themeFor(request);
      if (!list) {
        const body = `<h1>Pagina non disponibile</h1><p>Solo il personale dell'Ufficio Amministrazione può consultare i messaggi da verificare.</p>`;
        return void response
          .status(404)
          .type('html')
          .send(consolePage({ title: 'Pagina non disponibile', body, theme, person: person(caller) }));
      }
      // A code, never text from the address bar: a link cannot make the page say something else.
      const notice = outcomes[String(request.query['esito'])] ?? null;
      const body = reviewBody({ folder, ...list, page: current, notice });
      response
        .type('html')
        .send(consolePage({ title: folderTitle(folder), body, theme, person: person(caller) }));
    });
  }
  router.get('/messaggi/:id/letto', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const read = await whatWasRead.read(caller, String(request.params['id']));
    const theme = themeFor(request);
    if (!read) {
      const body =
        '<h1>Messaggio non trovato</h1><p>Il messaggio non è tra quelli da verificare, o la lettura della posta non è ancora avviata.</p>';
      return void response
        .status(404)
        .type('html')
        .send(consolePage({ title: 'Messaggio non trovato', body, theme, person: person(caller) }));
    }
    const body = `<p><a href="/console/da-verificare">‹ Da verificare</a></p><h1>Che cosa ha letto Sportello</h1><p class="muted">Tipo riconosciuto: ${escapeHtml(read.kind)}. Il messaggio è stato letto di nuovo ora, senza alcun effetto.</p><ul>${read.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
    response
      .type('html')
      .send(consolePage({ title: 'Che cosa ha letto Sportello', body, theme, person: person(caller) }));
  });
  router.post('/messaggi/:id/rielabora', async (request, response) => {
    if (!fromSameOrigin(request))
      return void response.status(403).type('text').send('Richiesta non consentita.');
    const caller = await signedIn(request, response);
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
    if (!fromSameOrigin(request))
      return void response.status(403).type('text').send('Richiesta non consentita.');
    const caller = await signedIn(request, response);
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
