import type { CallerScope } from '../../services/access/caller.js';
import type { BudgetLookup, ProjectSummary } from '../../services/budgets/budget-answer.js';
import type { ContractDeadlineLookup } from '../../services/budgets/deadlines-answer.js';
import type { ProjectList } from '../../services/budgets/projects-answer.js';
import type { RequestStatus, RequestStatusLookup } from '../../services/budgets/request-status-answer.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { Database } from '../database/database.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';
import { PrismaLedgerStore } from './prisma-ledger-store.js';
import { projectScope } from './project-scope.js';

const summarySelect = {
  id: true,
  service: true,
  status: true,
  startDate: true,
  beneficiary: { select: { surname: true, name: true, taxCode: true } },
  municipality: { select: { name: true } },
  provider: { select: { name: true } },
} as const;

type SummaryRow = {
  id: string;
  service: string;
  status: string;
  startDate: Date;
  beneficiary: { surname: string; name: string; taxCode: string };
  municipality: { name: string };
  provider: { name: string } | null;
};

function summary(row: SummaryRow): ProjectSummary & { startDate: CalendarDate } {
  return {
    projectId: row.id,
    beneficiary: row.beneficiary,
    service: row.service,
    municipalityName: row.municipality.name,
    providerName: row.provider?.name ?? null,
    status: row.status,
    startDate: toCalendarDate(row.startDate),
  };
}

/** The read side of the bot's questions, always filtered by the caller's scope. */
export class PrismaBotQueries
  implements BudgetLookup, ProjectList, RequestStatusLookup, ContractDeadlineLookup
{
  private readonly ledger: PrismaLedgerStore;

  constructor(private readonly database: Database) {
    this.ledger = new PrismaLedgerStore(database);
  }

  async nameIndex(scope: CallerScope) {
    // One statement and three columns: every name question scans the caller's open projects, so
    // the join is the database's (Prisma would read the beneficiaries in a second query).
    const municipality = scope.municipalityId;
    const provider = scope.providerId;
    const rows = await this.database.prisma.$queryRaw<{ id: string; surname: string; name: string }[]>`
      SELECT project.id::text AS id, beneficiary.surname, beneficiary.name
      FROM project JOIN beneficiary ON beneficiary.id = project.beneficiary_id
      WHERE project.status IN ('active', 'pending')
        AND (${municipality}::text IS NULL
             OR project.municipality_id = ${municipality} OR project.co_paying_municipality_id = ${municipality})
        AND (${provider}::uuid IS NULL OR project.provider_id = ${provider}::uuid)`;
    return rows.map((row) => ({ projectId: row.id, surname: row.surname, name: row.name }));
  }

  async byTaxCode(scope: CallerScope, taxCode: string) {
    const rows = await this.database.prisma.project.findMany({
      where: { ...projectScope(scope), beneficiary: { taxCode } },
      select: summarySelect,
      orderBy: { startDate: 'desc' },
    });
    return rows.map(summary);
  }

  async byProtocol(scope: CallerScope, protocol: string) {
    const request = await this.database.prisma.request.findUnique({
      where: { protocol },
      select: { projectId: true },
    });
    if (!request?.projectId) return [];
    return this.byProjects(scope, [request.projectId]);
  }

  async byProjects(scope: CallerScope, projectIds: readonly string[]) {
    const rows = await this.database.prisma.project.findMany({
      where: { ...projectScope(scope), id: { in: [...projectIds] } },
      select: summarySelect,
      orderBy: { startDate: 'desc' },
    });
    return rows.map(summary);
  }

  ledgerInput(projectId: string) {
    return this.ledger.ledgerInput(projectId);
  }

  async activeProjects(scope: CallerScope, limit: number) {
    const where = { ...projectScope(scope), status: 'active' as const };
    const [total, rows] = await Promise.all([
      this.database.prisma.project.count({ where }),
      this.database.prisma.project.findMany({
        where,
        select: summarySelect,
        take: limit,
        orderBy: { startDate: 'desc' },
      }),
    ]);
    return { total, projects: rows.map(summary) };
  }

  async requestStatus(scope: CallerScope, protocol: string): Promise<RequestStatus | null> {
    const request = await this.database.prisma.request.findUnique({
      where: { protocol },
      select: {
        protocol: true,
        kind: true,
        service: true,
        status: true,
        receivedOn: true,
        problems: true,
        officeProtocol: true,
        municipalityId: true,
        project: { select: { municipalityId: true, coPayingMunicipalityId: true, providerId: true } },
        contracts: {
          select: { state: true, dueBackOn: true, decidedBy: true },
          orderBy: { createdAt: 'desc' },
          take: 1,
        },
      },
    });
    if (!request) return null;
    const project = request.project;
    const visible = scope.municipalityId
      ? request.municipalityId === scope.municipalityId ||
        project?.municipalityId === scope.municipalityId ||
        project?.coPayingMunicipalityId === scope.municipalityId
      : scope.providerId
        ? project?.providerId === scope.providerId
        : true;
    if (!visible) return null;
    const contract = request.contracts[0];
    return {
      protocol: request.protocol,
      kind: request.kind,
      service: request.service,
      status: request.status,
      receivedOn: toCalendarDate(request.receivedOn),
      problems: Array.isArray(request.problems) ? request.problems.length : 0,
      officeProtocol: request.officeProtocol,
      contract: contract
        ? {
            state: contract.state,
            dueBackOn: contract.dueBackOn ? toCalendarDate(contract.dueBackOn) : null,
            decidedBy: contract.decidedBy,
          }
        : null,
    };
  }

  async contractsDue(scope: CallerScope, from: CalendarDate, to: CalendarDate) {
    const range = { gte: toDateColumn(from), lte: toDateColumn(to) };
    const rows = await this.database.prisma.contract.findMany({
      where: {
        project: projectScope(scope),
        OR: [
          { state: 'sent', dueBackOn: range },
          { state: { in: ['draft', 'approved'] }, dueOn: range },
        ],
      },
      select: {
        state: true,
        dueOn: true,
        dueBackOn: true,
        request: { select: { protocol: true } },
        provider: { select: { name: true } },
      },
      take: 50,
    });
    return rows.map((row) => ({
      protocol: row.request.protocol,
      state: row.state,
      dueOn: toCalendarDate((row.state === 'sent' ? row.dueBackOn : row.dueOn)!),
      provider: row.provider?.name ?? null,
    }));
  }
}
