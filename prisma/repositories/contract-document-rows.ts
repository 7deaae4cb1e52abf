import type { ContractTemplateName } from '../../domain/contracts/contract-fields.js';
import type { PrismaClient } from '../generated/client.js';

/** A contract's document as written from its template: the DOCX and, when LibreOffice made one, the PDF. */
export interface ContractDocumentVersion {
  readonly templateName: ContractTemplateName;
  readonly docx: Uint8Array;
  readonly pdf: Uint8Array | null;
}

/**
 * Saves a contract's document, audited: the first version once, and with `dispatch` the approved
 * contract's version dated on the day it is sent (its «Scadenze» counted from then).
 */
export async function saveContractDocument(
  prisma: PrismaClient,
  contractId: string,
  document: ContractDocumentVersion,
  options: { readonly dispatch?: boolean },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const saved = await tx.contract.updateMany({
      where: options.dispatch
        ? { id: contractId, state: 'approved' }
        : { id: contractId, templateName: null },
      data: {
        templateName: document.templateName,
        docx: Buffer.from(document.docx),
        pdf: document.pdf ? Buffer.from(document.pdf) : null,
      },
    });
    if (saved.count === 0) return;
    await tx.auditLog.create({
      data: {
        actor: 'sportello',
        action: options.dispatch ? 'contract_dated_for_dispatch' : 'contract_drafted',
        entityType: 'contract',
        entityId: contractId,
        details: { template: document.templateName, pdf: document.pdf !== null },
      },
    });
  });
}
