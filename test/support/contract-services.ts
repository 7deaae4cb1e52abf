import { createLogger } from '../../app/logger.js';
import { loadConfig } from '../../app/config.js';
import { wireContractServices } from '../../app/contracts-wiring.js';
import { wireCalendar } from '../../app/scheduler-wiring.js';
import { ContractTemplates } from '../../documents/contract-templates.js';
import { EmailSender } from '../../mail/smtp/email-sender.js';
import type { Database } from '../../prisma/database/database.js';
import { PrismaOutboxStore } from '../../prisma/repositories/prisma-outbox-store.js';
import type { Caller } from '../../services/access/caller.js';
import { OutboxDispatcher } from '../../services/outbox/outbox-dispatcher.js';

/** The configuration Sportello starts with on its defaults (development, embedded database). */
export const testConfig = loadConfig({});

/** A member of the office's staff, as the bot knows them. */
export const testStaff: Caller = {
  teamsUserId: 'staff-test',
  displayName: 'Ufficio (test)',
  role: 'staff',
  municipalityId: null,
  municipalityName: null,
  providerId: null,
};

/** A social worker of Crema, as the bot knows her. */
export const cremaSocialWorker: Caller = {
  teamsUserId: 'sw',
  displayName: 'Assistente sociale',
  role: 'social_worker',
  municipalityId: '019035',
  municipalityName: 'Crema',
  providerId: null,
};

/**
 * The contract workflow and the calendar wired by the composition root's own functions, on a
 * clock of the test's; what they queue stays in the outbox for the test to read or send.
 */
export async function contractServices(database: Database, clock: () => Date) {
  const logger = createLogger('silent');
  const outbox = { wake: () => undefined };
  const documents = { templates: await ContractTemplates.load(), pdf: null };
  const contracts = wireContractServices(testConfig, documents, database, outbox, logger, { clock });
  const calendar = wireCalendar(testConfig, database, contracts, outbox, logger);

  /** Staff approve (or reject) a draft from its card; false when it was no longer waiting. */
  async function decide(contractId: string, decision: 'approved' | 'rejected', reason: string | null = null) {
    const card = await contracts.decisions.cardData(contractId);
    const result = await contracts.actions.decide(testStaff, {
      contractId,
      version: card!.version,
      decision,
      reason,
    });
    return result.outcome === 'decided';
  }
  return { ...contracts, tick: calendar.tick, decide };
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
  dispatcher.registerEmail(sender);
  try {
    await dispatcher.flush();
  } finally {
    sender.close();
  }
}
