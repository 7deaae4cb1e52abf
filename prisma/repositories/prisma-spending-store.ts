import type { ImportedProject, ThresholdStore } from '../../services/calendar/budget-thresholds.js';
import type { MunicipalityProject, SpendingStore } from '../../services/calendar/quarterly-summaries.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { initialsOf } from '../../domain/contracts/contract-notices.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';
import { ledgerMonthSelect, ledgerProjectSelect, toLedgerProject } from './prisma-ledger-store.js';
import { municipalityRecipientSelect, toMunicipalityRecipient } from './prisma-calendar-store.js';

const ledgerSelect = {
  ...ledgerProjectSelect,
  id: true,
  provider: { select: { name: true, vatRateBasisPoints: true } },
  beneficiary: { select: { surname: true, name: true, taxCode: true } },
  hourEntries: { select: ledgerMonthSelect },
} as const satisfies Prisma.ProjectSelect;

type LedgerRow = Prisma.ProjectGetPayload<{ select: typeof ledgerSelect }>;

function ledgerOf(row: LedgerRow) {
  return { project: toLedgerProject(row), months: row.hourEntries };
}

/** Spending per project, read in one query per Comune or per import, for summaries and alerts. */
export class PrismaSpendingStore implements SpendingStore, ThresholdStore {
  constructor(private readonly database: Database) {}

  async projectsOf(
    municipalityId: string,
    from: CalendarDate,
    to: CalendarDate,
  ): Promise<MunicipalityProject[]> {
    const rows = await this.database.prisma.project.findMany({
      where: {
        OR: [{ municipalityId }, { coPayingMunicipalityId: municipalityId }],
        status: { in: ['active', 'pending', 'ended'] },
        startDate: { lte: toDateColumn(to) },
        AND: [{ OR: [{ endDate: null }, { endDate: { gte: toDateColumn(from) } }] }],
      },
      select: ledgerSelect,
      orderBy: [{ beneficiary: { surname: 'asc' } }, { beneficiary: { name: 'asc' } }],
    });
    return rows.map((row) => ({
      beneficiary: `${row.beneficiary.surname} ${row.beneficiary.name}`,
      taxCode: row.beneficiary.taxCode,
      service: row.service,
      provider: row.provider?.name ?? '—',
      ledger: ledgerOf(row),
    }));
  }

  async uncheckedImports(): Promise<string[]> {
    const recent = await this.database.prisma.hourImport.findMany({
      where: { importedAt: { gte: new Date(Date.now() - 120 * 86_400_000) } },
      select: { id: true },
      orderBy: { importedAt: 'asc' },
    });
    if (recent.length === 0) return [];
    const checked = await this.database.prisma.reminder.findMany({
      where: { idempotencyKey: { in: recent.map((row) => `budget-check:${row.id}`) } },
      select: { idempotencyKey: true },
    });
    const done = new Set(checked.map((row) => row.idempotencyKey));
    return recent.map((row) => row.id).filter((id) => !done.has(`budget-check:${id}`));
  }

  async projectsOfImport(importId: string): Promise<ImportedProject[]> {
    const rows = await this.database.prisma.project.findMany({
      where: { hourEntries: { some: { importId } } },
      select: {
        ...ledgerSelect,
        municipality: { select: municipalityRecipientSelect },
        requests: { select: { protocol: true }, orderBy: { receivedAt: 'desc' }, take: 1 },
      },
    });
    return rows.map((row) => ({
      projectId: row.id,
      reference: row.requests[0] ? `pratica ${row.requests[0].protocol}` : `progetto ${row.id.slice(0, 8)}`,
      beneficiaryInitials: initialsOf(row.beneficiary.surname, row.beneficiary.name),
      service: row.service,
      municipality: toMunicipalityRecipient(row.municipality),
      ledger: ledgerOf(row),
    }));
  }
}
