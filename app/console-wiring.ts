import { Retention } from '../services/retention/retention.js';
import { PrismaRetentionStore } from '../prisma/repositories/prisma-retention-store.js';
import { BeneficiaryExport } from '../services/beneficiaries/beneficiary-export.js';
import { PrismaBeneficiaryData } from '../prisma/repositories/prisma-beneficiary-data.js';
import { PizZipWriter } from '../documents/zip-archive.js';
import { WhoViewed } from '../services/office/who-viewed.js';
import { PrismaReadLog } from '../prisma/repositories/prisma-read-log.js';
import { createHmac } from 'node:crypto';
import { ConsoleSessions } from '../console/console-session.js';
import { mountConsole } from '../console/console-routes.js';
import { entraKeys } from '../console/tab-token.js';
import { PrismaTeamsDirectory } from '../prisma/repositories/prisma-teams-directory.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaConsolePeople } from '../prisma/repositories/prisma-console-people.js';
import { PrismaConsoleStore } from '../prisma/repositories/prisma-console-store.js';
import { PrismaRequestHistory } from '../prisma/repositories/prisma-request-history.js';
import { RequestRegister } from '../services/office/request-register.js';
import { MessagesForReview, WhatWasRead } from '../services/office/messages-for-review.js';
import type { MessageReader } from '../services/intake/message-reader.js';
import { ReprocessMessage, type MessageIntake } from '../services/office/reprocess-message.js';
import { CalendarAndOutbox } from '../services/office/calendar-and-outbox.js';
import { BudgetOverview } from '../services/office/budget-overview.js';
import { RequestFiles } from '../services/office/request-files.js';
import { PrismaSpendingStore } from '../prisma/repositories/prisma-spending-store.js';
import { spendingWorkbookWriter } from '../documents/spending-workbook.js';
import { PrismaCalendarOutboxStore } from '../prisma/repositories/prisma-calendar-outbox-store.js';
import { PrismaMessageReviewStore } from '../prisma/repositories/prisma-message-review-store.js';
import { PrismaForecastStore } from '../prisma/repositories/prisma-forecast-store.js';
import { ForecastReview } from '../services/forecasts/forecast-review.js';
import type { SportelloConfig } from './config.js';
import type { HttpServer } from './http-server.js';
import type { ContractCardActions } from '../services/contracts/contract-card-actions.js';

/** The office's console at `/console` (issue #16): its pages on the HTTP server, its use cases on the database. */
export function wireConsole(
  config: SportelloConfig,
  database: Database,
  http: HttpServer,
  contracts: ContractCardActions,
  outbox: { wake(): void },
  intake: () => MessageIntake | null,
  reader: () => MessageReader | null,
) {
  const consoleStore = new PrismaConsoleStore(database);
  const reads = new PrismaReadLog(database);
  const register = new RequestRegister(consoleStore, new PrismaRequestHistory(database), reads);
  // A key of its own, derived from the installation's secret for signed links.
  const secret = createHmac('sha256', config.documents.linkSecret)
    .update('console-sessions')
    .digest('base64url');
  const directory = new PrismaTeamsDirectory(database);
  const reviewStore = new PrismaMessageReviewStore(database);
  const review = new MessagesForReview(reviewStore);
  mountConsole(http.app, {
    register,
    review,
    reprocess: new ReprocessMessage(reviewStore, intake),
    whatWasRead: new WhatWasRead(reviewStore, reader),
    contracts,
    calendar: new CalendarAndOutbox(new PrismaCalendarOutboxStore(database)),
    files: new RequestFiles(
      consoleStore,
      {
        // mailparser loads at the first file listed, not at every start (the mail side loads after `ready`).
        attachmentsOf: async (raw) =>
          (await import('../mail/parsing/message-files.js')).messageFiles(raw, config.mail.limits),
      },
      reads,
    ),
    budget: new BudgetOverview(
      new PrismaSpendingStore(database),
      () => consoleStore.municipalities({ municipalityId: null, providerId: null }),
      spendingWorkbookWriter,
      () => new Date(),
    ),
    forecasts: new ForecastReview(new PrismaForecastStore(database)),
    whoViewed: new WhoViewed(reads),
    retention: new Retention(new PrismaRetentionStore(database), config.retention),
    exports: new BeneficiaryExport(new PrismaBeneficiaryData(database), new PizZipWriter(), reads),
    outbox,
    people: new PrismaConsolePeople(database),
    sessions: new ConsoleSessions(secret),
    mode: config.mode,
    tabToken: config.consoleSso
      ? {
          audiences: config.consoleSso.audiences,
          allowedTenantIds: config.consoleSso.allowedTenantIds,
          keys: entraKeys(config.consoleSso.jwksUrl),
        }
      : null,
    findCaller: (identity) => directory.findCaller(identity),
    secret,
    entra:
      config.consoleSso?.browser && config.publicBaseUrl
        ? {
            clientId: config.consoleSso.audiences[0]!,
            clientSecret: config.consoleSso.browser.clientSecret,
            tenantId: config.consoleSso.browser.tenantId,
            allowedTenantIds: config.consoleSso.allowedTenantIds,
            redirectUri: `${config.publicBaseUrl.replace(/\/+$/, '')}/console/entra/ritorno`,
          }
        : null,
  });
  return { register };
}
