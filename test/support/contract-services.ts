import { createLogger } from '../../app/logger.js';
import { ContractDispatch } from '../../app/contracts/contract-dispatch.js';
import { ContractDrafts } from '../../app/contracts/contract-drafts.js';
import { ContractOverdue } from '../../app/contracts/contract-overdue.js';
import { ContractDispatchDeadlines } from '../../app/contracts/contract-dispatch-due.js';
import { OutboxDispatcher } from '../../app/outbox/outbox-dispatcher.js';
import { BudgetThresholds } from '../../app/scheduler/budget-thresholds.js';
import { CalendarTick } from '../../app/scheduler/calendar-tick.js';
import { QuarterlySpendingSummaries } from '../../app/scheduler/quarterly-summaries.js';
import { ContractTemplates } from '../../documents/contract-templates.js';
import { EmailSender } from '../../mail/smtp/email-sender.js';
import type { Database } from '../../prisma/database/database.js';
import { PrismaCalendarStore } from '../../prisma/repositories/prisma-calendar-store.js';
import { PrismaContractDecisions } from '../../prisma/repositories/prisma-contract-decisions.js';
import { PrismaContractWorkflow } from '../../prisma/repositories/prisma-contract-workflow.js';
import { PrismaOutboxStore } from '../../prisma/repositories/prisma-outbox-store.js';
import { PrismaSpendingStore } from '../../prisma/repositories/prisma-spending-store.js';

export const testOffice = {
  messageIdDomain: 'sportello.test',
  signature: ['Ufficio Amministrazione', 'Comunità Sociale Cremasca a.s.c.'],
};

/** The contract workflow and the calendar wired as the composition root wires them, on a clock of the test's. */
export async function contractServices(database: Database, clock: () => Date) {
  const logger = createLogger('silent');
  const workflow = new PrismaContractWorkflow(database);
  const drafts = new ContractDrafts(workflow, await ContractTemplates.load(), null, clock, logger);
  const dispatch = new ContractDispatch(workflow, drafts, testOffice, clock, logger);
  const decisions = new PrismaContractDecisions(database);
  const calendar = new PrismaCalendarStore(database);
  const spending = new PrismaSpendingStore(database);
  const tick = new CalendarTick(
    calendar,
    testOffice,
    [
      { name: 'contratti decisi', run: async () => `${await dispatch.catchUp()}` },
      new BudgetThresholds(spending, calendar, testOffice),
      new ContractDispatchDeadlines(workflow, calendar),
    ],
    new QuarterlySpendingSummaries(spending, calendar, testOffice),
    logger,
  );
  const overdue = new ContractOverdue(workflow, testOffice);
  tick.onReminder('contract_due_back', (payload) => overdue.run(String(payload.contractId)));

  /** Staff approve (or reject) a draft, then its next steps run, as a click on the card does. */
  async function decide(contractId: string, decision: 'approved' | 'rejected', reason: string | null = null) {
    const card = await decisions.cardData(contractId);
    const decided = await decisions.decide({
      contractId,
      expectedVersion: card!.version,
      decision,
      actor: { teamsUserId: 'staff-test', displayName: 'Ufficio (test)' },
      reason,
    });
    if (decided) await dispatch.afterDecision(contractId);
    return decided;
  }
  return { workflow, drafts, dispatch, decisions, tick, decide };
}

/** Sends what the outbox holds by e-mail to an SMTP server (the capture), until it is empty. */
export async function drainEmail(database: Database, smtpPort: number): Promise<void> {
  const store = new PrismaOutboxStore(database);
  const dispatcher = new OutboxDispatcher(
    store,
    {
      pollIntervalMs: 60_000,
      batchSize: 50,
      leaseMs: 30_000,
      maxAttempts: 3,
      unreachableRetryMs: 10,
      backoffBaseMs: 10,
      backoffMaxMs: 10,
    },
    createLogger('silent'),
  );
  const sender = new EmailSender({
    kind: 'smtp',
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    user: null,
    password: null,
    oauth: null,
    from: 'Comunità Sociale Cremasca <amministrazione@comunitasocialecremasca.it>',
  });
  dispatcher.register('email', sender);
  try {
    await dispatcher.flush();
  } finally {
    sender.close();
  }
}
