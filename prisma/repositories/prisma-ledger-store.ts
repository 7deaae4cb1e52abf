import type { LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { profileOf } from './project-changes.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toCalendarDate } from './date-columns.js';

/** The columns of a project the budget ledger reads. */
export const ledgerProjectSelect = {
  service: true,
  operatorProfile: true,
  upperSecondary: true,
  coPayingMunicipalityId: true,
  coPayingOutsideAmbito: true,
  placedMinor: true,
  committedBudgetCents: true,
  startDate: true,
  endDate: true,
  provider: { select: { vatRateBasisPoints: true } },
  changes: {
    where: { cancelledAt: null, kind: 'variation' },
    orderBy: { effectiveOn: 'asc' },
    select: {
      effectiveOn: true,
      committedBudgetCents: true,
      previousCommittedBudgetCents: true,
      operatorProfile: true,
      previousOperatorProfile: true,
    },
  },
} as const satisfies Prisma.ProjectSelect;

/** The columns of an hour entry the budget ledger reads. */
export const ledgerMonthSelect = {
  year: true,
  month: true,
  minutes: true,
  festiveMinutes: true,
  backOfficeMinutes: true,
  fullTimeDays: true,
  partTimeDays: true,
  lowAccesses: true,
  mediumAccesses: true,
  highAccesses: true,
  meals: true,
} as const satisfies Prisma.HourEntrySelect;

/** A project row as the ledger sees it. */
export function toLedgerProject(
  row: Prisma.ProjectGetPayload<{ select: typeof ledgerProjectSelect }>,
): LedgerProject {
  return {
    service: row.service,
    operatorProfile: row.operatorProfile,
    upperSecondary: row.upperSecondary,
    coPaid: row.coPayingMunicipalityId !== null || row.coPayingOutsideAmbito !== null,
    placedMinor: row.placedMinor,
    committedCents: row.committedBudgetCents,
    budgetChanges: row.changes.map((change) => ({
      effectiveOn: toCalendarDate(change.effectiveOn),
      committedBudgetCents: change.committedBudgetCents,
      previousCommittedBudgetCents: change.previousCommittedBudgetCents,
    })),
    profileChanges: row.changes
      .filter((change) => change.operatorProfile !== change.previousOperatorProfile)
      .map((change) => ({
        effectiveOn: toCalendarDate(change.effectiveOn),
        operatorProfile: profileOf(change.operatorProfile),
        previousOperatorProfile: profileOf(change.previousOperatorProfile),
      })),
    startDate: toCalendarDate(row.startDate),
    endDate: row.endDate ? toCalendarDate(row.endDate) : null,
    vatRateBasisPoints: row.provider?.vatRateBasisPoints ?? null,
  };
}

/** Reads what the budget ledger of one project needs, in two indexed queries. */
export class PrismaLedgerStore {
  constructor(private readonly database: Database) {}

  async ledgerInput(projectId: string): Promise<{ project: LedgerProject; months: ImportedMonth[] } | null> {
    const [project, months] = await Promise.all([
      this.database.prisma.project.findUnique({ where: { id: projectId }, select: ledgerProjectSelect }),
      this.database.prisma.hourEntry.findMany({ where: { projectId }, select: ledgerMonthSelect }),
    ]);
    return project ? { project: toLedgerProject(project), months } : null;
  }
}
