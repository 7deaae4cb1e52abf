import type { LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ValidatedMonth } from '../../domain/costs/monthly-hours-cost.js';
import type { Database } from '../database/database.js';
import { toCalendarDate } from './date-columns.js';

/** Reads what the budget ledger of one project needs, in two indexed queries. */
export class PrismaLedgerStore {
  constructor(private readonly database: Database) {}

  async ledgerInput(projectId: string): Promise<{ project: LedgerProject; months: ValidatedMonth[] } | null> {
    const [project, months] = await Promise.all([
      this.database.prisma.project.findUnique({
        where: { id: projectId },
        select: {
          service: true,
          operatorProfile: true,
          upperSecondary: true,
          coPayingMunicipalityId: true,
          committedBudgetCents: true,
          startDate: true,
          endDate: true,
          provider: { select: { vatRateBasisPoints: true } },
        },
      }),
      this.database.prisma.hourEntry.findMany({
        where: { projectId },
        select: { year: true, month: true, minutes: true, festiveMinutes: true, backOfficeMinutes: true },
      }),
    ]);
    if (!project) return null;
    return {
      project: {
        service: project.service,
        operatorProfile: project.operatorProfile,
        upperSecondary: project.upperSecondary,
        coPaid: project.coPayingMunicipalityId !== null,
        committedCents: project.committedBudgetCents,
        startDate: toCalendarDate(project.startDate),
        endDate: project.endDate ? toCalendarDate(project.endDate) : null,
        vatRateBasisPoints: project.provider?.vatRateBasisPoints ?? null,
      },
      months,
    };
  }
}
