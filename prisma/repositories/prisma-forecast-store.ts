import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import type {
  ContinuedProject,
  ForecastStore,
  ForecastSummary,
  ForecastView,
} from '../../services/forecasts/forecast-review.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { sqlIn } from '../database/sql.js';

const stateOf = (state: string): 'confirmed' | 'to_confirm' =>
  state === 'confirmed' ? 'confirmed' : 'to_confirm';
const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

const continuedSelect = {
  id: true,
  service: true,
  operatorProfile: true,
  upperSecondary: true,
  placedMinor: true,
  coPayingMunicipalityId: true,
  coPayingOutsideAmbito: true,
  annualMinutes: true,
  committedBudgetCents: true,
  endDate: true,
  beneficiary: { select: { surname: true, name: true } },
  provider: { select: { name: true, vatRateBasisPoints: true } },
} satisfies Prisma.ProjectSelect;

type ContinuedRow = Prisma.ProjectGetPayload<{ select: typeof continuedSelect }>;

function continuedOf(row: ContinuedRow): ContinuedProject {
  return {
    projectId: row.id,
    service: row.service,
    operatorProfile: row.operatorProfile,
    upperSecondary: row.upperSecondary,
    placedMinor: row.placedMinor,
    coPaid: row.coPayingMunicipalityId !== null || row.coPayingOutsideAmbito !== null,
    vatRateBasisPoints: row.provider?.vatRateBasisPoints ?? null,
    providerName: row.provider?.name ?? null,
    annualMinutes: row.annualMinutes,
    committedBudgetCents: row.committedBudgetCents,
    endDate: row.endDate ? toCalendarDate(row.endDate) : null,
  };
}

/** The Comuni's forecasts as staff review them, their corrections and their confirmation. */
export class PrismaForecastStore implements ForecastStore {
  constructor(private readonly database: Database) {}

  async forecasts(): Promise<ForecastSummary[]> {
    const rows = await this.database.prisma.forecast.findMany({
      orderBy: [{ state: 'desc' }, { receivedOn: 'desc' }],
      take: 200,
      include: { municipality: { select: { name: true } }, _count: { select: { lines: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      municipality: row.municipality.name,
      service: row.service,
      receivedOn: toCalendarDate(row.receivedOn),
      late: row.late,
      state: stateOf(row.state),
      lines: row._count.lines,
    }));
  }

  async forecast(id: string): Promise<ForecastView | null> {
    if (!isUuid(id)) return null;
    const row = await this.database.prisma.forecast.findUnique({
      where: { id },
      include: { municipality: { select: { name: true } }, lines: { orderBy: { position: 'asc' } } },
    });
    if (!row) return null;
    const projectIds = row.lines.flatMap((line) =>
      line.continuedProjectId ? [line.continuedProjectId] : [],
    );
    const [projects, people] = await Promise.all([
      this.database.prisma.project.findMany({ where: { id: { in: projectIds } }, select: continuedSelect }),
      this.database.prisma.beneficiary.findMany({
        where: { taxCode: { in: row.lines.map((line) => line.taxCode) } },
        select: { taxCode: true, surname: true, name: true },
      }),
    ]);
    const projectById = new Map(projects.map((project) => [project.id, project]));
    return {
      id: row.id,
      version: row.version,
      municipality: row.municipality.name,
      service: row.service,
      receivedOn: toCalendarDate(row.receivedOn),
      period: {
        from: toCalendarDate(row.periodFrom),
        to: toCalendarDate(row.periodTo),
        dueBy: toCalendarDate(row.dueBy),
        late: row.late,
      },
      state: stateOf(row.state),
      confirmedBy: row.confirmedBy,
      confirmedAt: row.confirmedAt,
      lines: row.lines.map((line) => {
        const project = line.continuedProjectId ? projectById.get(line.continuedProjectId) : undefined;
        const person = people.find((candidate) => candidate.taxCode === line.taxCode);
        return {
          id: line.id,
          taxCode: line.taxCode,
          beneficiary: person ? { surname: person.surname, name: person.name } : null,
          continued: project ? continuedOf(project) : null,
          annualMinutes: line.annualMinutes,
          festiveMinutes: line.festiveMinutes,
          budgetCents: line.budgetCents,
          included: line.included,
          corrected: line.corrected,
          openedProjectId: line.openedProjectId,
        };
      }),
    };
  }

  correctLine(input: Parameters<ForecastStore['correctLine']>[0]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const bumped = await tx.forecast.updateMany({
        where: { id: input.forecastId, version: input.version, state: 'to_confirm' },
        data: { version: { increment: 1 } },
      });
      if (bumped.count === 0) return false;
      const before = await tx.forecastLine.findUniqueOrThrow({ where: { id: input.lineId } });
      await tx.forecastLine.update({
        where: { id: input.lineId },
        data: {
          annualMinutes: input.annualMinutes,
          festiveMinutes: input.festiveMinutes,
          budgetCents: input.budgetCents,
          included: input.included,
          corrected: true,
        },
      });
      const figures = (line: typeof before | typeof input) => ({
        annualMinutes: line.annualMinutes,
        festiveMinutes: line.festiveMinutes,
        budgetCents: line.budgetCents,
        included: line.included,
      });
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'forecast_line_corrected',
            entityType: 'forecast',
            entityId: input.forecastId,
            details: { line: input.lineId, before: figures(before), after: figures(input) },
          },
        ],
        [],
      );
      return true;
    });
  }

  confirm(input: Parameters<ForecastStore['confirm']>[0]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const claimed = await tx.forecast.updateMany({
        where: { id: input.forecastId, version: input.version, state: 'to_confirm' },
        data: {
          state: 'confirmed',
          version: { increment: 1 },
          confirmedBy: input.actor,
          confirmedAt: new Date(),
        },
      });
      if (claimed.count === 0) return false;
      const { inboundMessageId } = await tx.forecast.findUniqueOrThrow({
        where: { id: input.forecastId },
        select: { inboundMessageId: true },
      });
      const previousEnd = toDateColumn(input.previousEndsOn);
      const opened: string[] = [];
      for (const opening of input.openings) {
        const previous = await tx.project.findUniqueOrThrow({ where: { id: opening.continuedProjectId } });
        const contract = await tx.cumulativeContract.findFirst({
          where: { inboundMessageId, projectIds: { has: previous.id } },
          select: { id: true },
        });
        const project = await tx.project.create({
          data: {
            beneficiaryId: previous.beneficiaryId,
            service: previous.service,
            municipalityId: previous.municipalityId,
            coPayingMunicipalityId: previous.coPayingMunicipalityId,
            coPayingOutsideAmbito: previous.coPayingOutsideAmbito,
            providerId: previous.providerId,
            startDate: toDateColumn(opening.startDate),
            endDate: toDateColumn(opening.endDate),
            annualMinutes: opening.annualMinutes,
            committedBudgetCents: opening.committedBudgetCents,
            operatorProfile: previous.operatorProfile,
            upperSecondary: previous.upperSecondary,
            placedMinor: previous.placedMinor,
            dayUnitId: previous.dayUnitId,
            continuesProjectId: previous.id,
            cumulativeContractId: contract?.id ?? null,
            status: 'active',
            isDemo: previous.isDemo,
          },
          select: { id: true },
        });
        // The running project ends where the new period begins, so that a month has one project.
        if (!previous.endDate || previous.endDate > previousEnd)
          await tx.project.update({ where: { id: previous.id }, data: { endDate: previousEnd } });
        await tx.forecastLine.update({
          where: { id: opening.lineId },
          data: { openedProjectId: project.id },
        });
        opened.push(project.id);
      }
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'forecast_confirmed',
            entityType: 'forecast',
            entityId: input.forecastId,
            toState: 'confirmed',
            details: { projects: opened, previousEndsOn: input.previousEndsOn },
          },
        ],
        [],
      );
      return true;
    });
  }
}
