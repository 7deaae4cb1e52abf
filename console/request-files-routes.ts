import { currentProtocolText } from '../domain/requests/protocol-number.js';
import type { Router } from 'express';
import type { SignedIn } from './console-guards.js';
import type { RequestFiles } from '../services/office/request-files.js';

/** Downloads a file of a request's message, always as a download (never shown in the console's origin). */
export function mountRequestFiles(router: Router, files: RequestFiles, signedIn: SignedIn): void {
  router.get('/pratiche/:year/:number/allegati/:index', async (request, response) => {
    const caller = await signedIn(request, response);
    if (!caller) return;
    const protocol = currentProtocolText(`${request.params['year']}/${request.params['number']}`);
    const index = Number(request.params['index']);
    const file =
      protocol && Number.isInteger(index) && index >= 0 ? await files.file(caller, protocol, index) : null;
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
