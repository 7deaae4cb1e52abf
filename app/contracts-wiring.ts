import type { Logger } from 'pino';
import { ContractTemplates } from '../documents/contract-templates.js';
import { LibreOfficePdf, type PdfConverter } from '../documents/libreoffice-pdf.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaContractWorkflow } from '../prisma/repositories/prisma-contract-workflow.js';
import type { SportelloConfig } from './config.js';
import { ContractDispatch } from './contracts/contract-dispatch.js';
import { ContractDrafts } from './contracts/contract-drafts.js';
import { ManualContractReplies } from './contracts/manual-contract-replies.js';
import { DocumentLinks } from './documents/document-links.js';
import { mountDocumentRoute } from './documents/document-route.js';
import type { HttpServer } from './http-server.js';

/** The checked Word templates and, when LibreOffice answers, the PDF converter. */
export interface ContractDocuments {
  readonly templates: ContractTemplates;
  readonly pdf: PdfConverter | null;
}

/**
 * Reads and checks the templates (a broken one stops the start with its name) and looks for
 * LibreOffice. Started before the database opens: asking `soffice --version` takes a third of
 * a second in another process.
 */
export async function prepareContractDocuments(config: SportelloConfig): Promise<ContractDocuments> {
  const [templates, pdf] = await Promise.all([
    ContractTemplates.load(config.documents.templatesDir ?? undefined),
    config.documents.pdf ? LibreOfficePdf.detect() : null,
  ]);
  return { templates, pdf };
}

/** Contracts: the document links on the cards and the steps after a decision. */
export function wireContracts(
  config: SportelloConfig,
  { templates, pdf }: ContractDocuments,
  database: Database,
  http: HttpServer,
  publicUrl: () => string,
  logger: Logger,
) {
  const contractLogger = logger.child({ component: 'contracts' });
  contractLogger.info({ pdf: pdf !== null }, 'contract templates ready');
  const clock = () => new Date();
  const workflow = new PrismaContractWorkflow(database);
  const drafts = new ContractDrafts(workflow, templates, pdf, clock, contractLogger);
  const dispatch = new ContractDispatch(workflow, drafts, config.office, clock, contractLogger);
  const returns = new ManualContractReplies(workflow, config.office, clock);
  const links = new DocumentLinks(
    publicUrl,
    config.documents.linkSecret,
    config.documents.linkTtlDays * 86_400_000,
    clock,
  );
  mountDocumentRoute(http.app, links, workflow, contractLogger);
  return { drafts, dispatch, returns, links, pdfAvailable: pdf !== null };
}
