import { calendarDate, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { ProjectChange } from '../../domain/projects/project-change.js';
import { operatorProfiles, type OperatorProfile } from '../../domain/catalogue/service-codes.js';
import type { ProjectToChange } from '../../services/intake/intake-store.js';
import type { RunningProject } from '../../services/intake/intake-store.js';
import type { Prisma, PrismaClient } from '../generated/client.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';
import type { Sql } from '../database/sql.js';

/** A project's provider, and the e-mail that carried its latest contract (to thread notices in). */
export const providerAndContractThread = {
  provider: { select: { id: true, name: true, email: true } },
  contracts: {
    where: { outboundMessageId: { not: null } },
    orderBy: { sentAt: 'desc' },
    take: 1,
    select: { outboundMessageId: true },
  },
} satisfies Prisma.ProjectSelect;

/** A stored change as the domain knows it. */
export function changeOfRow(row: {
  readonly kind: string;
  readonly effectiveOn: Date;
  readonly committedBudgetCents: number;
  readonly annualMinutes: number | null;
  readonly endDate: Date | null;
  readonly previousCommittedBudgetCents: number;
  readonly previousAnnualMinutes: number | null;
  readonly previousEndDate: Date | null;
  readonly operatorProfile: string | null;
  readonly previousOperatorProfile: string | null;
}): ProjectChange {
  const date = (value: Date | null) => (value ? toCalendarDate(value) : null);
  return {
    kind: row.kind === 'cessation' ? 'cessation' : 'variation',
    effectiveOn: toCalendarDate(row.effectiveOn),
    terms: {
      committedBudgetCents: row.committedBudgetCents,
      annualMinutes: row.annualMinutes,
      endDate: date(row.endDate),
      operatorProfile: profileOf(row.operatorProfile),
    },
    previous: {
      committedBudgetCents: row.previousCommittedBudgetCents,
      annualMinutes: row.previousAnnualMinutes,
      endDate: date(row.previousEndDate),
      operatorProfile: profileOf(row.previousOperatorProfile),
    },
  };
}

/**
 * The running project of a beneficiary and service on a date: pending or active, started by then
 * (or starting later: a variation may come before the start), not ended before it. The latest
 * started wins when a beneficiary had the same service twice.
 */
export async function projectToChange(
  prisma: PrismaClient,
  query: {
    readonly taxCode: string;
    readonly service: string | readonly string[];
    readonly on: CalendarDate;
  },
): Promise<ProjectToChange | null> {
  const project = await prisma.project.findFirst({
    where: {
      service: typeof query.service === 'string' ? query.service : { in: [...query.service] },
      status: { in: ['pending', 'active'] },
      beneficiary: { taxCode: query.taxCode.toUpperCase() },
      OR: [{ endDate: null }, { endDate: { gte: toDateColumn(query.on) } }],
    },
    orderBy: { startDate: 'desc' },
    select: {
      id: true,
      service: true,
      startDate: true,
      endDate: true,
      committedBudgetCents: true,
      annualMinutes: true,
      operatorProfile: true,
      coPayingMunicipalityId: true,
      coPayingOutsideAmbito: true,
      placedMinor: true,
      ...providerAndContractThread,
    },
  });
  if (!project) return null;
  return {
    id: project.id,
    service: project.service,
    startDate: toCalendarDate(project.startDate),
    endDate: project.endDate ? toCalendarDate(project.endDate) : null,
    committedBudgetCents: project.committedBudgetCents,
    annualMinutes: project.annualMinutes,
    operatorProfile: profileOf(project.operatorProfile),
    coPaid: project.coPayingMunicipalityId !== null || project.coPayingOutsideAmbito !== null,
    placedMinor: project.placedMinor,
    provider: project.provider,
    contractMessageId: project.contracts[0]?.outboundMessageId ?? null,
  };
}

/**
 * A pending or active project of a beneficiary and service whose period overlaps `from`–`to` (an
 * open end overlaps everything after its start), with the request that opened it.
 */
export async function runningProject(
  sql: Sql,
  query: {
    readonly taxCode: string;
    readonly service: string;
    readonly from: CalendarDate;
    readonly to: CalendarDate | null;
  },
): Promise<RunningProject | null> {
  // One statement (the ORM's nested select would be two): every activation of a backlog asks it.
  const [project] = await sql.rows<{
    service: string;
    start_date: string;
    end_date: string | null;
    protocol: string | null;
  }>`
    SELECT project.service, project.start_date::text AS start_date, project.end_date::text AS end_date,
      (SELECT request.protocol FROM request WHERE request.project_id = project.id
        ORDER BY request.received_at LIMIT 1) AS protocol
    FROM project JOIN beneficiary ON beneficiary.id = project.beneficiary_id
    WHERE project.service = ${query.service} AND project.status IN ('pending', 'active')
      AND beneficiary.tax_code = ${query.taxCode.toUpperCase()}
      AND (project.end_date IS NULL OR project.end_date >= ${query.from}::date)
      AND (${query.to}::date IS NULL OR project.start_date <= ${query.to}::date)
    ORDER BY project.start_date DESC LIMIT 1`;
  if (!project) return null;
  return {
    service: project.service,
    startDate: calendarDate(project.start_date),
    endDate: project.end_date ? calendarDate(project.end_date) : null,
    protocol: project.protocol,
  };
}

/**
 * Applies the change to the project and records it with the terms it replaces, in one statement.
 * A cessation whose date is already past ends the project at once; one still ahead ends it by its
 * end date, which calendars and alerts already respect.
 */
export async function applyProjectChange(
  tx: Prisma.TransactionClient,
  requestId: string,
  projectId: string,
  change: ProjectChange,
  today: CalendarDate,
): Promise<void> {
  const { terms, previous } = change;
  const ended = change.kind === 'cessation' && terms.endDate !== null && terms.endDate < today;
  // The update reads the status it replaces from the row as it was; the change is recorded from it.
  await tx.$executeRaw`
    WITH current AS (
      SELECT id, status FROM project WHERE id = ${projectId}::uuid FOR UPDATE
    ),
    updated AS (
      UPDATE project SET committed_budget_cents = ${terms.committedBudgetCents}::int,
        annual_minutes = ${terms.annualMinutes}::int, end_date = ${terms.endDate}::date,
        operator_profile = ${terms.operatorProfile}::text,
        status = CASE WHEN ${ended} THEN 'ended'::project_status ELSE project.status END
      FROM current WHERE project.id = current.id
      RETURNING project.id, current.status AS previous_status
    )
    INSERT INTO project_change (id, project_id, request_id, kind, effective_on, committed_budget_cents,
      annual_minutes, end_date, previous_committed_budget_cents, previous_annual_minutes, previous_end_date,
      previous_status, operator_profile, previous_operator_profile)
    SELECT gen_random_uuid(), updated.id, ${requestId}::uuid, ${change.kind}, ${change.effectiveOn}::date,
      ${terms.committedBudgetCents}::int, ${terms.annualMinutes}::int, ${terms.endDate}::date,
      ${previous.committedBudgetCents}::int, ${previous.annualMinutes}::int, ${previous.endDate}::date,
      updated.previous_status, ${terms.operatorProfile}::text, ${previous.operatorProfile}::text
    FROM updated`;
}

/** A profile as stored, if it is one Sportello knows. */
export function profileOf(value: string | null): OperatorProfile | null {
  return value !== null && (operatorProfiles as readonly string[]).includes(value)
    ? (value as OperatorProfile)
    : null;
}
