import type { Request, Response, Router } from 'express';
import type { Caller } from '../services/access/caller.js';
import type { RequestFiles } from '../services/office/request-files.js';
import { escapeHtml } from './console-html.js';
import { requestHref } from './request-pages.js';

/** The documents of the request's message on its page: each to download. */
export function filesSection(
  protocol: string,
  listed:
    { files: readonly { index: number; fileName: string; size: number }[]; withheld: number } | undefined,
): string {
  if (!listed) return '';
  const { files, withheld } = listed;
  const items = files
    .map(
      (file) =>
        `<li><a href="${requestHref(protocol)}/allegati/${file.index}">${escapeHtml(file.fileName)}</a> <span class="muted">(${Math.max(1, Math.round(file.size / 1024))} KB)</span></li>`,
    )
    .join('');
  const others =
    withheld > 0
      ? `<p class="muted">Il messaggio conteneva più moduli: ${withheld === 1 ? 'un altro documento riguarda' : `altri ${withheld} documenti riguardano`} altre pratiche e non ${withheld === 1 ? 'è mostrato' : 'sono mostrati'} qui.</p>`
      : '';
  const none = withheld > 0 ? '' : '<p>Il messaggio non aveva allegati: il modulo era nel testo.</p>';
  return `<h2>Documenti del messaggio</h2>${items ? `<ul>${items}</ul>` : none}${others}`;
}

/** Downloads a file of a request's message, always as a download (never shown in the console's origin). */
export function mountRequestFiles(
  router: Router,
  files: RequestFiles,
  signedIn: (request: Request, response: Response) => Promise<Caller | null>,
): void {
  router.get('/pratiche/:year/:number/allegati/:index', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const protocol = `${request.params['year']}/${request.params['number']}`;
    const index = Number(request.params['index']);
    const file =
      /^\d{4}\/\d{6}$/.test(protocol) && Number.isInteger(index) && index >= 0
        ? await files.file(caller, protocol, index)
        : null;
    if (!file) return void response.status(404).type('text').send('Documento non trovato.');
    const ascii = file.fileName.replace(/[^\w.\- ]/g, '_').slice(0, 120) || 'allegato';
    response
      .type('application/octet-stream')
      .set(
        'Content-Disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName.slice(0, 200))}`,
      )
      .send(Buffer.from(file.content));
  });
}
