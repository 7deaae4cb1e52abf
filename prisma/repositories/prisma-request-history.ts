import type { RequestRecords, RequestRecordSource } from '../../services/history/request-timeline.js';
import { describeChange } from '../../domain/projects/project-change.js';
import type { Database } from '../database/database.js';
import { changeOfRow } from './project-changes.js';

/** Everything recorded about a request, its message, its contract and what was sent for it. */
export class PrismaRequestHistory implements RequestRecordSource {
  constructor(private readonly database: Database) {}

  async recordsOf(protocol: string): Promise<RequestRecords | null> {
    const prisma = this.database.prisma;
    const request = await prisma.request.findUnique({
      where: { protocol },
      select: {
        id: true,
        kind: true,
        service: true,
        status: true,
        receivedAt: true,
        senderAddress: true,
        problems: true,
        inboundMessage: { select: { id: true, receivedAt: true, processedAt: true, state: true } },
        contracts: { select: { id: true } },
        projectId: true,
      },
    });
    if (!request) return null;
    const inboundId = request.inboundMessage?.id ?? null;
    const contractIds = request.contracts.map((contract) => contract.id);
    const entityIds = [
      request.id,
      ...contractIds,
      ...(inboundId ? [inboundId] : []),
      ...(request.projectId ? [request.projectId] : []),
    ];
    const keyPrefixes = [
      ...(inboundId
        ? [
            `reply:${inboundId}`,
            `request-accepted:${inboundId}`,
            `reply_withheld:${inboundId}`,
            `project-changed:${inboundId}`,
            `project-changed-provider:${inboundId}`,
            `project-changed-provider-teams:${inboundId}`,
            `project-not-found:${inboundId}`,
          ]
        : []),
      ...contractIds.flatMap((id) => [`:${id}`]),
    ];
    const projectChanges = request.projectId
      ? await prisma.projectChange.findMany({
          where: { projectId: request.projectId },
          orderBy: { createdAt: 'asc' },
          include: { request: { select: { protocol: true } } },
        })
      : [];
    keyPrefixes.push(
      ...projectChanges.flatMap((change) => [
        `project-change-cancelled:${change.id}`,
        `project-change-cancelled-teams:${change.id}`,
      ]),
    );
    const [audit, changes, outbox, reminders] = await Promise.all([
      prisma.auditLog.findMany({ where: { entityId: { in: entityIds } }, orderBy: { at: 'asc' } }),
      prisma.contractStateChange.findMany({
        where: { contractId: { in: contractIds } },
        orderBy: { at: 'asc' },
      }),
      prisma.outboxMessage.findMany({
        where: {
          OR: keyPrefixes.map((key) =>
            key.startsWith(':') ? { idempotencyKey: { endsWith: key } } : { idempotencyKey: key },
          ),
        },
        select: {
          idempotencyKey: true,
          channel: true,
          recipient: true,
          state: true,
          createdAt: true,
          sentAt: true,
          attempts: true,
          lastError: true,
        },
      }),
      prisma.reminder.findMany({
        where: { OR: contractIds.map((id) => ({ idempotencyKey: { endsWith: `:${id}` } })) },
      }),
    ]);
    return {
      request: {
        kind: request.kind,
        service: request.service,
        status: request.status,
        problems: Array.isArray(request.problems) ? request.problems.length : 0,
        senderAddress: request.senderAddress,
        receivedAt: request.inboundMessage?.receivedAt ?? null,
      },
      audit,
      contractChanges: changes,
      projectChanges: projectChanges.map((row) => ({
        at: row.createdAt,
        protocol: row.request.protocol,
        kind: row.kind === 'cessation' ? 'cessation' : 'variation',
        lines: describeChange(changeOfRow(row)),
        cancelledAt: row.cancelledAt,
        cancelledBy: row.cancelledBy,
      })),
      outbox,
      reminders,
    };
  }
}
