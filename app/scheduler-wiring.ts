import type { Logger } from 'pino';
import type { Database } from '../prisma/database/database.js';
import { PrismaCalendarStore } from '../prisma/repositories/prisma-calendar-store.js';
import { PrismaContractWorkflow } from '../prisma/repositories/prisma-contract-workflow.js';
import { PrismaSpendingStore } from '../prisma/repositories/prisma-spending-store.js';
import type { SportelloConfig } from './config.js';
import { ContractOverdue } from './contracts/contract-overdue.js';
import { ContractDispatchDeadlines } from './contracts/contract-dispatch-due.js';
import type { wireContracts } from './contracts-wiring.js';
import type { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { BudgetThresholds } from './scheduler/budget-thresholds.js';
import { CalendarTick } from './scheduler/calendar-tick.js';
import { QuarterlySpendingSummaries } from './scheduler/quarterly-summaries.js';
import { Scheduler } from './scheduler/scheduler.js';

/** The calendar and its durable scheduler, built from the config. */
export function wireScheduler(
  config: SportelloConfig,
  database: Database,
  databaseUrl: string,
  contracts: ReturnType<typeof wireContracts>,
  outbox: OutboxDispatcher,
  logger: Logger,
  clock: () => Date = () => new Date(),
) {
  const schedulerLogger = logger.child({ component: 'scheduler' });
  const calendar = new PrismaCalendarStore(database);
  const spending = new PrismaSpendingStore(database);
  const tick = new CalendarTick(
    calendar,
    config.office,
    [
      { name: 'contratti decisi', run: async () => `${await contracts.dispatch.catchUp()} da completare` },
      new BudgetThresholds(spending, calendar, config.office),
      new ContractDispatchDeadlines(new PrismaContractWorkflow(database), calendar),
    ],
    new QuarterlySpendingSummaries(spending, calendar, config.office),
    schedulerLogger,
  );
  const overdue = new ContractOverdue(new PrismaContractWorkflow(database), config.office);
  tick.onReminder('contract_due_back', (payload) => overdue.run(String(payload.contractId)));
  const wakingTick = {
    async run(now: Date) {
      const summary = await tick.run(now);
      outbox.wake();
      return summary;
    },
  };
  const scheduler = new Scheduler(
    { connectionString: databaseUrl, tickCron: config.scheduler.tickCron },
    wakingTick,
    clock,
    schedulerLogger,
  );
  return { tick, scheduler };
}
