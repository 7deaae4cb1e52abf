import type {
  InboundMessageInput,
  IntakeOutcome,
  IntakeStore,
  RegisteredMessage,
} from '../../mail/intake/intake-store.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';
import { nextProtocolNumber } from './protocol-numbers.js';

/** The mail intake's view of the database. */
export class PrismaIntakeStore implements IntakeStore {
  constructor(private readonly database: Database) {}

  async register(message: InboundMessageInput): Promise<RegisteredMessage> {
    const { prisma } = this.database;
    const select = { id: true, state: true, attempts: true } as const;
    try {
      const created = await prisma.inboundMessage.create({
        data: {
          mailbox: message.mailbox,
          dedupeKey: message.dedupeKey,
          messageId: message.messageId,
          contentHash: message.contentHash,
          uidValidity: message.uidValidity,
          uid: message.uid,
          receivedAt: message.receivedAt,
          fromAddress: message.fromAddress,
          raw: Buffer.from(message.raw),
          sizeBytes: message.raw.byteLength,
        },
        select,
      });
      return { ...created, isNew: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await prisma.inboundMessage.findUniqueOrThrow({
        where: { mailbox_dedupeKey: { mailbox: message.mailbox, dedupeKey: message.dedupeKey } },
        select,
      });
      return { ...existing, isNew: false };
    }
  }

  async countAttempt(inboundId: string): Promise<number> {
    const updated = await this.database.prisma.inboundMessage.update({
      where: { id: inboundId },
      data: { attempts: { increment: 1 } },
      select: { attempts: true },
    });
    return updated.attempts;
  }

  async countRepliesTo(address: string, since: Date): Promise<number> {
    return this.database.prisma.outboxMessage.count({
      where: { channel: 'email', recipient: address, createdAt: { gte: since } },
    });
  }

  async complete(inboundId: string, outcome: IntakeOutcome): Promise<{ protocol: string | null }> {
    return this.database.prisma.$transaction(async (tx) => {
      // Only the first completion wins: a replica or a retry that comes second changes nothing.
      const claimed = await tx.inboundMessage.updateMany({
        where: { id: inboundId, state: 'registered' },
        data: {
          state: outcome.state,
          kind: outcome.kind,
          quarantineReason: outcome.quarantineReason ?? null,
          processedAt: new Date(),
        },
      });
      if (claimed.count === 0) {
        const existing = await tx.request.findUnique({
          where: { inboundMessageId: inboundId },
          select: { protocol: true },
        });
        return { protocol: existing?.protocol ?? null };
      }
      let protocol: string | null = null;
      if (outcome.request) {
        const record = outcome.request;
        const year = Number(record.receivedOn.slice(0, 4));
        const numbered = await nextProtocolNumber(tx, year);
        protocol = numbered.protocol;
        const request = await tx.request.create({
          data: {
            protocolYear: year,
            protocolNumber: numbered.number,
            protocol,
            inboundMessageId: inboundId,
            kind: record.kind,
            service: record.service,
            status: record.status,
            receivedAt: record.receivedAt,
            receivedOn: toDateColumn(record.receivedOn),
            senderAddress: record.senderAddress,
            threadMessageId: record.threadMessageId,
            fields: record.fields as Prisma.InputJsonValue,
            problems: record.problems as Prisma.InputJsonValue,
            municipalityId: record.municipalityId,
          },
          select: { id: true },
        });
        await tx.auditLog.create({
          data: {
            actor: 'sportello',
            action: 'request_registered',
            entityType: 'request',
            entityId: request.id,
            toState: record.status,
            details: { protocol, inboundMessageId: inboundId, problems: record.problems.length },
          },
        });
      }
      await tx.auditLog.create({
        data: {
          actor: 'sportello',
          action: 'inbound_message_handled',
          entityType: 'inbound_message',
          entityId: inboundId,
          fromState: 'registered',
          toState: outcome.state,
          reason: outcome.quarantineReason ?? null,
          details: { kind: outcome.kind, protocol },
        },
      });
      const drafts = outcome.outbox(protocol);
      if (drafts.length > 0) {
        await tx.outboxMessage.createMany({
          data: drafts.map((draft) => ({
            idempotencyKey: draft.idempotencyKey,
            channel: draft.channel,
            recipient: draft.recipient,
            payload: draft.payload as Prisma.InputJsonValue,
          })),
          skipDuplicates: true,
        });
      }
      return { protocol };
    });
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
