import type {
  MessageReviewStore,
  ReviewFolder,
  StoredMessageForReview,
} from '../../services/office/messages-for-review.js';
import type { Database } from '../database/database.js';
import type { ReopenedMessage, ReprocessStore } from '../../services/office/reprocess-message.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { sqlIn } from '../database/sql.js';

const stateOf = { staff: 'forwarded', quarantine: 'quarantined' } as const;

/** The messages put aside, with what the intake recorded of them (reason, note, sender, subject). */
export class PrismaMessageReviewStore implements MessageReviewStore, ReprocessStore {
  constructor(private readonly database: Database) {}

  async messages(folder: ReviewFolder, page: number, pageSize: number) {
    const prisma = this.database.prisma;
    const where = { state: stateOf[folder], archivedAt: null };
    const [total, rows] = await Promise.all([
      prisma.inboundMessage.count({ where }),
      prisma.inboundMessage.findMany({
        where,
        orderBy: { receivedAt: 'desc' },
        skip: (Math.max(1, page) - 1) * pageSize,
        take: pageSize,
        select: {
          id: true,
          receivedAt: true,
          messageId: true,
          kind: true,
          quarantineReason: true,
          forwardReason: true,
          forwardNote: true,
          forwardFrom: true,
          forwardSubject: true,
          archivedAt: true,
          archivedBy: true,
          archiveNote: true,
        },
      }),
    ]);
    return {
      total,
      rows: rows.map((row): StoredMessageForReview => {
        return {
          id: row.id,
          receivedAt: row.receivedAt,
          messageId: row.messageId,
          kind: row.kind,
          quarantineReason: row.quarantineReason,
          reasonCode: row.forwardReason,
          note: row.forwardNote,
          from: row.forwardFrom,
          subject: row.forwardSubject,
          archived:
            row.archivedAt && row.archivedBy
              ? { at: row.archivedAt, by: row.archivedBy, note: row.archiveNote ?? '' }
              : null,
        };
      }),
    };
  }

  /** A message put aside, as received: its source and the server's date of receipt. */
  async sourceOf(id: string): Promise<{ raw: Uint8Array; receivedAt: Date } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.database.prisma.inboundMessage.findFirst({
      where: { id, state: { in: ['forwarded', 'quarantined'] } },
      select: { raw: true, receivedAt: true },
    });
    return row ? { raw: new Uint8Array(row.raw), receivedAt: row.receivedAt } : null;
  }

  reopen(input: { id: string; actor: string }): Promise<ReopenedMessage | null> {
    if (!/^[0-9a-f-]{36}$/i.test(input.id)) return Promise.resolve(null);
    return this.database.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { mailbox: string; received_at: Date; raw: Uint8Array; state: string }[]
      >`
        UPDATE inbound_message SET state = 'registered', attempts = 0, processed_at = NULL
        FROM (SELECT id, state FROM inbound_message WHERE id = ${input.id}::uuid FOR UPDATE) previous
        WHERE inbound_message.id = previous.id AND previous.state IN ('forwarded', 'quarantined')
          AND inbound_message.archived_at IS NULL
        RETURNING inbound_message.mailbox, inbound_message.received_at, inbound_message.raw, previous.state::text AS state`;
      const row = rows[0];
      if (!row) return null;
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'inbound_message_reprocessed',
            entityType: 'inbound_message',
            entityId: input.id,
            fromState: row.state,
            toState: 'registered',
          },
        ],
        [],
      );
      return { mailbox: row.mailbox, receivedAt: row.received_at, raw: new Uint8Array(row.raw) };
    });
  }

  archive(input: { id: string; actor: string; note: string }): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(input.id)) return Promise.resolve(false);
    return this.database.prisma.$transaction(async (tx) => {
      const { count } = await tx.inboundMessage.updateMany({
        where: { id: input.id, archivedAt: null, state: { in: ['forwarded', 'quarantined'] } },
        data: { archivedAt: new Date(), archivedBy: input.actor, archiveNote: input.note },
      });
      if (count === 0) return false;
      await writeAuditAndOutbox(
        sqlIn(tx),
        [
          {
            actor: input.actor,
            action: 'inbound_message_archived',
            entityType: 'inbound_message',
            entityId: input.id,
            reason: input.note,
          },
        ],
        [],
      );
      return true;
    });
  }
}
