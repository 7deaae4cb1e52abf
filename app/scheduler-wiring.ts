import { Retention } from '../services/retention/retention.js';
import { PrismaRetentionStore } from '../prisma/repositories/prisma-retention-store.js';
import type { PhaseDSteps } from '../services/contracts/phase-d-steps.js';
import { spendingWorkbookWriter } from '../documents/spending-workbook.js';
import type { Logger } from 'pino';
import type { Database } from '../prisma/database/database.js';
import { PrismaCalendarStore } from '../prisma/repositories/prisma-calendar-store.js';
import { PrismaContractWorkflow } from '../prisma/repositories/prisma-contract-workflow.js';
import { PrismaSpendingStore } from '../prisma/repositories/prisma-spending-store.js';
import { PrismaCumulativeContractStore } from '../prisma/repositories/prisma-cumulative-contract-store.js';
import { CumulativeContractReminders } from '../services/forecasts/cumulative-contract-reminders.js';
import type { SportelloConfig } from './config.js';
import { ContractOverdue } from '../services/contracts/contract-overdue.js';
import { ContractDispatchDeadlines } from '../services/contracts/contract-dispatch-due.js';
import type { ContractDispatch } from '../services/contracts/contract-dispatch.js';
import type { OutboxWaker } from '../services/contracts/contract-card-actions.js';
import { BudgetThresholds } from '../services/calendar/budget-thresholds.js';
import { CalendarTick } from '../services/calendar/calendar-tick.js';
import { QuarterlySpendingSummaries } from '../services/calendar/quarterly-summaries.js';
import { Scheduler } from './scheduler/scheduler.js';

/** The calendar: what the disciplinare asks for on each date, turned by the scheduler (or a test). */
export function wireCalendar(
  config: SportelloConfig,
  database: Database,
  contracts: { dispatch: ContractDispatch; phaseD: Pick<PhaseDSteps, 'reminder'> },
  outbox: OutboxWaker,
  logger: Logger,
) {
  const calendar = new PrismaCalendarStore(database);
  const spending = new PrismaSpendingStore(database);
  const workflow = new PrismaContractWorkflow(database);
  const tick = new CalendarTick(
    calendar,
    config.office,
    [
      { name: 'contratti decisi', run: async () => `${await contracts.dispatch.catchUp()} da completare` },
      new BudgetThresholds(spending, calendar, config.office),
      new ContractDispatchDeadlines(workflow, calendar),
      new Retention(new PrismaRetentionStore(database), config.retention),
    ],
    new QuarterlySpendingSummaries(spending, calendar, config.office, spendingWorkbookWriter),
    logger.child({ component: 'calendar' }),
  );
  const overdue = new ContractOverdue(workflow, config.office);
  tick.onReminder('contract_due_back', (payload) => overdue.run(String(payload.contractId)));
  tick.onReminder('contract_phase_d', (payload) => contracts.phaseD.reminder(payload));
  const cumulative = new CumulativeContractReminders(
    new PrismaCumulativeContractStore(database),
    config.office,
  );
  tick.onReminder('cumulative_contract_due', (payload) => cumulative.due(payload));
  tick.onReminder('cumulative_contract_due_back', (payload) => cumulative.dueBack(payload));
  tick.onReminder('cumulative_phase_d', (payload) => cumulative.phaseD(payload));
  return {
    tick,
    /** Turns the calendar at `now` and sends what it queued right away. */
    async run(now: Date) {
      const summary = await tick.run(now);
      outbox.wake();
      return summary;
    },
  };
}

/** The durable scheduler (pg-boss in the same database) that turns the calendar. */
export function wireScheduler(
  config: SportelloConfig,
  databaseUrl: string,
  calendar: ReturnType<typeof wireCalendar>,
  logger: Logger,
  clock: () => Date = () => new Date(),
) {
  return new Scheduler(
    { connectionString: databaseUrl, tickCron: config.scheduler.tickCron },
    calendar,
    clock,
    logger.child({ component: 'scheduler' }),
  );
}
