import { describeChange } from '../../domain/projects/project-change.js';
import type {
  ProjectChangeStore,
  RecordedProjectChange,
} from '../../services/projects/cancel-project-change.js';
import type { OutboxMessage } from '../../services/outbox/outbox-message.js';
import type { Database } from '../database/database.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { changeOfRow, providerAndContractThread } from './project-changes.js';
import { sqlIn } from '../database/sql.js';

type ProjectStatus = 'pending' | 'active' | 'ended' | 'cancelled';

/** Variations and cessations as staff see and cancel them. */
export class PrismaProjectChangeStore implements ProjectChangeStore {
  constructor(private readonly database: Database) {}

  async changeByProtocol(protocol: string): Promise<RecordedProjectChange | null> {
    const { prisma } = this.database;
    const row = await prisma.projectChange.findFirst({
      where: { request: { protocol } },
      include: {
        project: {
          select: { service: true, ...providerAndContractThread },
        },
      },
    });
    if (!row) return null;
    const later = await prisma.projectChange.findFirst({
      where: { projectId: row.projectId, cancelledAt: null, createdAt: { gt: row.createdAt } },
      orderBy: { createdAt: 'desc' },
      select: { request: { select: { protocol: true } } },
    });
    const change = changeOfRow(row);
    return {
      changeId: row.id,
      protocol,
      kind: change.kind,
      service: row.project.service,
      effectiveOn: change.effectiveOn,
      lines: describeChange(change),
      cancelledBy: row.cancelledAt ? (row.cancelledBy ?? 'Ufficio Amministrazione') : null,
      laterChangeProtocol: later?.request.protocol ?? null,
      provider: row.project.provider,
      contractMessageId: row.project.contracts[0]?.outboundMessageId ?? null,
    };
  }

  async cancel(input: {
    readonly changeId: string;
    readonly actor: string;
    readonly reason: string;
    readonly messages: readonly OutboxMessage[];
  }): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      // Only the latest change in force can be undone: the terms it replaced are the project's previous ones.
      const restored = await tx.$queryRaw<{ project_id: string; previous_status: ProjectStatus }[]>`
        UPDATE project_change SET cancelled_at = now(), cancelled_by = ${input.actor}
        WHERE id = ${input.changeId}::uuid AND cancelled_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM project_change later
            WHERE later.project_id = project_change.project_id AND later.cancelled_at IS NULL
              AND later.created_at > project_change.created_at)
        RETURNING project_id::text AS project_id, previous_status::text AS previous_status`;
      const cancelled = restored[0];
      if (!cancelled) return false;
      await tx.$executeRaw`
        UPDATE project SET committed_budget_cents = change.previous_committed_budget_cents,
          annual_minutes = change.previous_annual_minutes, end_date = change.previous_end_date,
          operator_profile = CASE WHEN change.operator_profile IS DISTINCT FROM change.previous_operator_profile
            THEN change.previous_operator_profile ELSE project.operator_profile END,
          status = change.previous_status
        FROM project_change change
        WHERE change.id = ${input.changeId}::uuid AND project.id = change.project_id`;
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'project_change_cancelled',
            entityType: 'project',
            entityId: cancelled.project_id,
            toState: cancelled.previous_status,
            reason: input.reason,
            details: { changeId: input.changeId },
          },
        ],
        input.messages,
      );
      return true;
    });
  }
}
