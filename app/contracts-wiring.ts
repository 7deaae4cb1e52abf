import { threadScript } from './thread-scripts.js';
import { PrismaReadLog } from '../prisma/repositories/prisma-read-log.js';
import { PhaseDSteps } from '../services/contracts/phase-d-steps.js';
import { PrismaPhaseDStore } from '../prisma/repositories/prisma-phase-d-store.js';
import type { Logger } from 'pino';
import { ProjectChangeActions } from '../services/projects/cancel-project-change.js';
import { PrismaProjectChangeStore } from '../prisma/repositories/prisma-project-change-store.js';
import { PrismaCumulativeContractStore } from '../prisma/repositories/prisma-cumulative-contract-store.js';
import { CumulativeContractActions } from '../services/forecasts/cumulative-contract-steps.js';
import { ContractTemplates, type TemplateCheckMemo } from '../documents/contract-templates.js';
import { ThreadedContractRenderer } from '../documents/threaded-contract-renderer.js';
import { LibreOfficePdf } from '../documents/libreoffice-pdf.js';
// The reader threads' helper process starts the conversions too: the server itself never forks.
import { runProgram } from '../mail/parsing/program-runner.js';
import type {
  ContractTemplates as ContractTemplateFiller,
  PdfConverter,
} from '../services/contracts/contract-drafts.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaContractWorkflow } from '../prisma/repositories/prisma-contract-workflow.js';
import type { SportelloConfig } from './config.js';
import { ContractDispatch } from '../services/contracts/contract-dispatch.js';
import { ContractDrafts } from '../services/contracts/contract-drafts.js';
import { ContractDocumentQueue } from '../services/contracts/contract-document-queue.js';
import { ManualContractReplies } from '../services/contracts/manual-contract-replies.js';
import { ContractCardActions, type OutboxWaker } from '../services/contracts/contract-card-actions.js';
import { PrismaContractDecisions } from '../prisma/repositories/prisma-contract-decisions.js';
import { DocumentLinks } from '../services/documents/document-links.js';
import { mountDocumentRoute } from './documents/document-route.js';
import type { HttpServer } from './http-server.js';

/** The checked Word templates and, when LibreOffice answers, the PDF converter. */
export interface ContractDocuments {
  readonly templates: ContractTemplateFiller & { close?(): Promise<void> };
  readonly pdf: (PdfConverter & { close?(): void }) | null;
}

/**
 * Reads and checks the templates (a broken one stops the start with its name) and looks for
 * LibreOffice. Started before the database opens: asking `soffice --version` takes a third of
 * a second in another process.
 */
export async function prepareContractDocuments(
  config: SportelloConfig,
  /** The database's memory of templates already found valid, once it is open. */
  checks: Promise<TemplateCheckMemo>,
): Promise<ContractDocuments> {
  const [templates, pdf] = await Promise.all([
    ContractTemplates.load(config.documents.templatesDir ?? undefined, checks),
    config.documents.pdf ? LibreOfficePdf.detect({ runProgram }) : null,
  ]);
  return {
    templates: new ThreadedContractRenderer(templates, threadScript('contract-render-worker')),
    pdf,
  };
}

/**
 * The contract use cases on the database: drafts and their documents, the steps after a decision,
 * returns marked by staff, and the actions of the card. The tests build them here too.
 */
export function wireContractServices(
  config: SportelloConfig,
  { templates, pdf }: ContractDocuments,
  database: Database,
  outbox: OutboxWaker,
  logger: Logger,
  options: { clock?: () => Date; documentUrl?: (contractId: string) => string | null } = {},
) {
  const clock = options.clock ?? (() => new Date());
  const workflow = new PrismaContractWorkflow(database);
  const drafts = new ContractDrafts(workflow, templates, pdf, clock, logger);
  const dispatch = new ContractDispatch(workflow, drafts, config.office, clock, logger);
  const returns = new ManualContractReplies(workflow, config.office, clock);
  const decisions = new PrismaContractDecisions(database, options.documentUrl);
  // After the signed return: the fase D staff mark, and its reminder (run by the scheduler).
  const phaseD = new PhaseDSteps(new PrismaPhaseDStore(database, workflow), config.office, clock);
  const actions = new ContractCardActions(decisions, returns, dispatch, drafts, outbox, logger, phaseD);
  // Documents wait for the intake (told by the mail wiring) and for the outbox's sending.
  const documentQueue = new ContractDocumentQueue(
    workflow,
    drafts,
    logger,
    () => outbox.isSending?.() ?? false,
  );
  // Variations and cessations are applied by the intake; staff cancel them from the same cards.
  const projectChanges = new ProjectChangeActions(
    new PrismaProjectChangeStore(database),
    outbox,
    config.office,
  );
  // Cumulative contracts are recorded by the intake from a forecast; staff mark their steps on cards.
  const cumulative = new PrismaCumulativeContractStore(database);
  const cumulativeActions = new CumulativeContractActions(cumulative, clock);
  return {
    workflow,
    drafts,
    dispatch,
    returns,
    decisions,
    actions,
    documentQueue,
    projectChanges,
    cumulative,
    cumulativeActions,
    phaseD,
  };
}

/** Contracts as Sportello serves them: the use cases, and signed links to their documents on the HTTP server. */
export function wireContracts(
  config: SportelloConfig,
  documents: ContractDocuments,
  database: Database,
  http: HttpServer,
  outbox: OutboxWaker,
  publicUrl: () => string,
  logger: Logger,
) {
  const contractLogger = logger.child({ component: 'contracts' });
  contractLogger.info({ pdf: documents.pdf !== null }, 'contract templates ready');
  const clock = () => new Date();
  const links = new DocumentLinks(
    publicUrl,
    config.documents.linkSecret,
    config.documents.linkTtlDays * 86_400_000,
    clock,
  );
  const pdfAvailable = documents.pdf !== null;
  const services = wireContractServices(config, documents, database, outbox, contractLogger, {
    clock,
    documentUrl: (contractId) => links.urlFor(contractId, pdfAvailable ? 'pdf' : 'docx'),
  });
  mountDocumentRoute(http.app, links, services.workflow, new PrismaReadLog(database), contractLogger);
  return { ...services, links, pdfAvailable };
}
