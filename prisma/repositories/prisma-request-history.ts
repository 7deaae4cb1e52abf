import type { RequestRecords, RequestRecordSource } from '../../services/history/request-timeline.js';
import { signersOfStoredFields } from '../../domain/requests/digital-signature.js';
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
        fields: true,
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
    const keyPrefixes = outboxKeysOf(inboundId, contractIds);
    const projectChanges = request.projectId ? await this.changesOf(request.projectId) : [];
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
      this.sentFor(keyPrefixes),
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
        signers: signersOfStoredFields(request.fields),
      },
      audit,
      contractChanges: changes,
      projectChanges: projectChanges.map((row) => ({
        at: row.createdAt,
        protocol: row.request.protocol,
        kind: row.kind === 'cessation' ? ('cessation' as const) : ('variation' as const),
        lines: describeChange(changeOfRow(row)),
        cancelledAt: row.cancelledAt,
        cancelledBy: row.cancelledBy,
      })),
      outbox,
      reminders,
    };
  }

  private sentFor(keyPrefixes: readonly string[]) {
    return this.database.prisma.outboxMessage.findMany({
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
    });
  }

  private changesOf(projectId: string) {
    return this.database.prisma.projectChange.findMany({
      where: { projectId },
      orderBy: { createdAt: 'asc' },
      include: { request: { select: { protocol: true } } },
    });
  }
}

/** The idempotency keys of what was sent for a message (exact) and for its contracts (by suffix). */
function outboxKeysOf(inboundId: string | null, contractIds: readonly string[]): string[] {
  const byMessage = [
    'reply',
    'request-accepted',
    'reply_withheld',
    'project-changed',
    'project-changed-provider',
    'project-changed-provider-teams',
    'project-not-found',
  ];
  return [
    ...(inboundId ? byMessage.map((kind) => `${kind}:${inboundId}`) : []),
    ...contractIds.map((id) => `:${id}`),
  ];
}
