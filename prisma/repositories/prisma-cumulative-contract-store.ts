import type {
  CumulativeContractStep,
  CumulativeContractStore,
  CumulativeContractView,
  NewCumulativeContract,
} from '../../services/forecasts/cumulative-contract-steps.js';
import type { ScheduledReminder } from '../../services/contracts/contract-dispatch.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { sqlIn } from '../database/sql.js';

const states = ['due', 'sent', 'returned'] as const;
const dateOrNull = (date: Date | null) => (date ? toCalendarDate(date) : null);

/** Writes a forecast's cumulative contracts and their reminders inside the intake's transaction. */
export async function insertCumulativeContracts(
  tx: Prisma.TransactionClient,
  inboundId: string,
  contracts: readonly NewCumulativeContract[],
): Promise<void> {
  if (contracts.length === 0) return;
  await tx.cumulativeContract.createMany({
    data: contracts.map((contract) => ({
      id: contract.id,
      inboundMessageId: inboundId,
      municipalityId: contract.municipalityId,
      providerId: contract.provider.id,
      service: contract.service,
      projectIds: [...contract.projectIds],
      dueOn: toDateColumn(contract.dueOn),
      returnWorkingDays: contract.returnWorkingDays,
      phaseDDueOn: toDateColumn(contract.phaseDDueOn),
    })),
  });
  await insertReminders(
    tx,
    contracts.flatMap((contract) => contract.reminders),
  );
}

async function insertReminders(tx: Prisma.TransactionClient, reminders: readonly ScheduledReminder[]) {
  if (reminders.length === 0) return;
  await tx.reminder.createMany({
    data: reminders.map((reminder) => ({
      idempotencyKey: reminder.idempotencyKey,
      kind: reminder.kind,
      dueAt: reminder.dueAt,
      payload: reminder.payload as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
}

const stepColumns = (step: CumulativeContractStep, on: Date, dueBackOn: Date | null) => {
  switch (step) {
    case 'sent':
      return { state: 'sent', sentOn: on, dueBackOn };
    case 'returned':
      return { state: 'returned', returnedOn: on };
    case 'phase_d':
      return { phaseDDoneOn: on };
  }
};

/** The cumulative contracts as their cards and reminders read them, and the steps staff mark. */
export class PrismaCumulativeContractStore implements CumulativeContractStore {
  constructor(private readonly database: Database) {}

  async cumulativeContract(id: string): Promise<CumulativeContractView | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.database.prisma.cumulativeContract.findUnique({
      where: { id },
      include: {
        municipality: { select: { name: true } },
        provider: { select: { id: true, name: true, email: true } },
      },
    });
    if (!row) return null;
    const state = states.find((candidate) => candidate === row.state) ?? 'due';
    return {
      id: row.id,
      version: row.version,
      municipality: row.municipality.name,
      provider: row.provider,
      service: row.service,
      beneficiaries: row.projectIds.length,
      state,
      dueOn: toCalendarDate(row.dueOn),
      returnWorkingDays: row.returnWorkingDays,
      sentOn: dateOrNull(row.sentOn),
      dueBackOn: dateOrNull(row.dueBackOn),
      returnedOn: dateOrNull(row.returnedOn),
      phaseDDueOn: toCalendarDate(row.phaseDDueOn),
      phaseDDoneOn: dateOrNull(row.phaseDDoneOn),
    };
  }

  recordStep(input: Parameters<CumulativeContractStore['recordStep']>[0]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const on = toDateColumn(input.on);
      const updated = await tx.cumulativeContract.updateMany({
        where: { id: input.id, version: input.version },
        data: {
          ...stepColumns(input.step, on, input.dueBackOn ? toDateColumn(input.dueBackOn) : null),
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) return false;
      await insertReminders(tx, input.reminders);
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: `cumulative_contract_${input.step}`,
            entityType: 'cumulative_contract',
            entityId: input.id,
            toState: input.step,
            details: { on: input.on },
          },
        ],
        [],
      );
      return true;
    });
  }
}
