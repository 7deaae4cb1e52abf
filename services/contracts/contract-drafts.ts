import type { Logger } from 'pino';
import { romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import {
  contractFields,
  contractTemplateFor,
  type ContractFields,
  type ContractSource,
  type ContractTemplateName,
} from '../../domain/contracts/contract-fields.js';

/** Fills a contract's Word template (on a thread of its own in the server). */
export interface ContractTemplates {
  render(name: ContractTemplateName, fields: ContractFields): Uint8Array | Promise<Uint8Array>;
}

/** Turns a DOCX into a PDF; absent when LibreOffice is not installed (the DOCX is always produced). */
export interface PdfConverter {
  toPdf(docx: Uint8Array): Promise<Uint8Array>;
}

/** What writing a contract's document needs from the database. */
export interface ContractDraftStore {
  contractForProtocol(protocol: string): Promise<string | null>;
  /** What the contract is written from, and whether its document exists already. */
  draftSource(
    contractId: string,
  ): Promise<{ source: Omit<ContractSource, 'draftedOn'>; hasDocument: boolean } | null>;
  /** Saves the first version; with `dispatch`, replaces an approved contract's with the one dated for sending. */
  saveDocument(
    contractId: string,
    document: { templateName: ContractTemplateName; docx: Uint8Array; pdf: Uint8Array | null },
    options?: { readonly dispatch?: boolean },
  ): Promise<void>;
}

/**
 * Writes the CONTRATTO DI AVVIO of an accepted request from its Word template before anyone is
 * asked to approve it (so that the click in Teams never waits for a document), with a PDF copy
 * when LibreOffice is installed.
 */
export class ContractDrafts {
  constructor(
    private readonly store: ContractDraftStore,
    private readonly templates: ContractTemplates,
    private readonly pdf: PdfConverter | null,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** The contract of a request, its document written first if needed (the card links it). */
  async contractForProtocol(protocol: string): Promise<string | null> {
    const contractId = await this.store.contractForProtocol(protocol);
    if (contractId) await this.ensureDocument(contractId);
    return contractId;
  }

  /**
   * Writes the document again on the day it is sent, so that its «Scadenze» count from that day as
   * the covering e-mail's do (seed l. 213-215: the provider's term runs from receipt). A warm
   * LibreOffice makes the PDF copy in about half a second.
   */
  async renderForDispatch(contractId: string, sentOn: CalendarDate): Promise<void> {
    const found = await this.store.draftSource(contractId);
    if (!found) return;
    await this.write(
      contractId,
      { ...found.source, draftedOn: romeDateOf(this.clock()), sentOn },
      true,
      true,
    );
  }

  /**
   * Writes the document if it is missing. `pdf: false` when someone is waiting (a click in Teams):
   * the DOCX takes milliseconds, LibreOffice about a second.
   */
  async ensureDocument(contractId: string, options: { pdf: boolean } = { pdf: true }): Promise<void> {
    const found = await this.store.draftSource(contractId);
    if (!found || found.hasDocument) return;
    await this.write(contractId, { ...found.source, draftedOn: romeDateOf(this.clock()) }, options.pdf);
  }

  private async write(
    contractId: string,
    source: ContractSource,
    withPdf: boolean,
    dispatch = false,
  ): Promise<void> {
    const templateName = contractTemplateFor(source.draft.service);
    const docx = await this.templates.render(templateName, contractFields(source));
    let pdf: Uint8Array | null = null;
    if (this.pdf && withPdf) {
      try {
        pdf = await this.pdf.toPdf(docx);
      } catch (error) {
        this.logger.warn({ contractId, err: error }, 'PDF copy of the contract failed; DOCX only');
      }
    }
    await this.store.saveDocument(contractId, { templateName, docx, pdf }, { dispatch });
    this.logger.info({ contractId, templateName, pdf: pdf !== null }, 'contract document written');
  }
}
