import type { Express } from 'express';
import type { Logger } from 'pino';
import type { DocumentLinks } from '../../services/documents/document-links.js';
import { Viewer, type ReadLog } from '../../services/access/read-log.js';

/** Where the route reads a contract's document. */
export interface ContractDocumentSource {
  contractDocument(
    contractId: string,
    kind: 'docx' | 'pdf',
  ): Promise<{ protocol: string; content: Uint8Array } | null>;
}

const contentTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** `GET /documenti/contratti/<id>.docx?scadenza=…&firma=…`: the document behind a signed link. */
export function mountDocumentRoute(
  app: Express,
  links: DocumentLinks,
  documents: ContractDocumentSource,
  reads: ReadLog,
  logger: Logger,
): void {
  // The link names no person and lives only in staff's cards: its holder is recorded as such.
  const linkHolder = new Viewer(reads, {
    actor: 'collegamento-firmato',
    actorName: 'collegamento della scheda di approvazione',
    role: 'staff',
  });
  app.get('/documenti/contratti/:file', async (request, response) => {
    const match = /^([0-9a-f-]{36})\.(docx|pdf)$/.exec(request.params.file);
    const expires = String(request.query.scadenza ?? '');
    const signature = String(request.query.firma ?? '');
    if (!match || !links.verify(match[1]!, match[2]!, expires, signature)) {
      response.status(403).type('text/plain; charset=utf-8').send('Collegamento non valido o scaduto.');
      return;
    }
    const kind = match[2] as 'docx' | 'pdf';
    const document = await documents.contractDocument(match[1]!, kind);
    if (!document) {
      response.status(404).type('text/plain; charset=utf-8').send('Documento non disponibile.');
      return;
    }
    await linkHolder.saw('contract_document_link', [{ protocol: document.protocol }]);
    logger.info({ contractId: match[1], kind }, 'contract document downloaded');
    response
      .status(200)
      .type(contentTypes[kind])
      .set(
        'Content-Disposition',
        `attachment; filename="contratto-avvio-${document.protocol.replace('/', '-')}.${kind}"`,
      )
      .set('Cache-Control', 'private, no-store')
      .send(Buffer.from(document.content));
  });
}
