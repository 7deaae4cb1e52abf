import { randomUUID } from 'node:crypto';
import type {
  CompletionResult,
  GroupCompletionResult,
  InboundMessageInput,
  InboundState,
  IntakeDecision,
  RequestRecord,
  IntakeStore,
  RegisteredMessage,
} from '../../services/intake/intake-store.js';
import type { ContinuingProject } from '../../domain/forecasts/cumulative-contracts.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';
import { contractReplyContext } from './contract-replies.js';
import { ClaimLost, completeGroupIn, completeIn, NumberTaken, type Completed } from './intake-completion.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { projectToChange, runningProject } from './project-changes.js';
import { toDateColumn } from './date-columns.js';
import { sqlIn, valueRows, type Sql } from '../database/sql.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';

type ProviderNames = { id: string; name: string; aliases: string[] }[];

// Providers change a few times a year; a backlog of requests should not read them once each.
const providerNamesTtlMs = 60_000;

/** The mail intake's view of the database. */
export class PrismaIntakeStore implements IntakeStore {
  private providerNames: { at: number; rows: Promise<ProviderNames> } | null = null;

  constructor(private readonly database: Database) {}

  providers(): Promise<ProviderNames> {
    if (!this.providerNames || Date.now() - this.providerNames.at > providerNamesTtlMs) {
      const rows = this.database.prisma.provider.findMany({
        select: { id: true, name: true, aliases: true },
      });
      this.providerNames = { at: Date.now(), rows };
      rows.catch(() => (this.providerNames = null));
    }
    return this.providerNames.rows;
  }

  async register(message: InboundMessageInput): Promise<RegisteredMessage> {
    const [row] = await this.registerAll([message]);
    return row!;
  }

  async registerAll(messages: readonly InboundMessageInput[]): Promise<RegisteredMessage[]> {
    if (messages.length === 0) return [];
    const keyOf = (mailbox: string, dedupeKey: string) => `${mailbox}\n${dedupeKey}`;
    // One row per key: a key twice in one INSERT ... ON CONFLICT DO UPDATE is an error, and the
    // second message under a key is answered with the first one's row, as if it came later.
    const unique = new Map<string, InboundMessageInput>();
    for (const message of messages) {
      const key = keyOf(message.mailbox, message.dedupeKey);
      if (!unique.has(key)) unique.set(key, message);
    }
    const values = valueRows(
      [...unique.values()].map((m) => [
        randomUUID(),
        m.mailbox,
        m.dedupeKey,
        m.messageId,
        m.contentHash,
        m.uidValidity,
        m.uid,
        m.receivedAt,
        m.fromAddress,
        m.raw,
        m.raw.byteLength,
        0,
        m.sha256,
      ]),
    );
    // One round trip on the pool (the message's bytes go as they are, where the ORM's raw path
    // would carry them as base64 text): insert, or return the row already there (xmax = 0 only for
    // a fresh insert; the no-op update makes RETURNING work on a conflict).
    const rows = await this.database.sql.rows<{
      id: string;
      mailbox: string;
      dedupe_key: string;
      state: InboundState;
      attempts: number;
      inserted: boolean;
      content_hash: string;
    }>`
      INSERT INTO inbound_message
        (id, mailbox, dedupe_key, message_id, content_hash, uid_validity, uid, received_at, from_address, raw, size_bytes, attempts, sha256)
      VALUES ${values}
      ON CONFLICT (mailbox, dedupe_key) DO UPDATE SET attempts = inbound_message.attempts
      RETURNING id, mailbox, dedupe_key, state, attempts, (xmax = 0) AS inserted, content_hash`;
    const byKey = new Map(rows.map((row) => [keyOf(row.mailbox, row.dedupe_key), row]));
    const seen = new Set<string>();
    return messages.map((message) => {
      const key = keyOf(message.mailbox, message.dedupeKey);
      const row = byKey.get(key)!;
      const first = !seen.has(key);
      seen.add(key);
      return {
        id: row.id,
        state: row.state,
        attempts: row.attempts,
        isNew: row.inserted && first,
        contentHash: row.content_hash,
      };
    });
  }

  async startAttempts(inboundIds: readonly string[]): Promise<number[]> {
    if (inboundIds.length === 0) return [];
    const rows = await this.database.sql.rows<{ id: string; attempts: number }>`
      UPDATE inbound_message SET attempts = attempts + 1
      WHERE id = ANY(${[...new Set(inboundIds)]}::uuid[]) RETURNING id::text AS id, attempts`;
    const attempts = new Map(rows.map((row) => [row.id, row.attempts]));
    return inboundIds.map((id) => attempts.get(id) ?? 1);
  }

  runningProject(query: {
    readonly taxCode: string;
    readonly service: string;
    readonly from: CalendarDate;
    readonly to: CalendarDate | null;
  }) {
    return runningProject(this.database.sql, query);
  }

  projectToChange(query: {
    readonly taxCode: string;
    readonly service: string | readonly string[];
    readonly on: CalendarDate;
  }) {
    return projectToChange(this.database.prisma, query);
  }

  contractByThread(messageIds: readonly string[], now: Date) {
    const ids = messageIds.filter((id) => id.length > 0);
    return ids.length === 0
      ? Promise.resolve(null)
      : contractReplyContext(this.database.prisma, { messageIds: ids }, now);
  }

  async countRequestsFrom(
    from: { readonly sender: string } | { readonly municipalityId: string },
    since: Date,
  ): Promise<number> {
    return this.database.prisma.request.count({
      where: {
        ...('sender' in from
          ? { authenticatedSender: from.sender }
          : { senderMunicipalityId: from.municipalityId }),
        createdAt: { gte: since },
      },
    });
  }

  async continuingProjects(taxCodes: readonly string[], on: CalendarDate): Promise<ContinuingProject[]> {
    if (taxCodes.length === 0) return [];
    const rows = await this.database.prisma.project.findMany({
      where: {
        status: { in: ['pending', 'active'] },
        beneficiary: { taxCode: { in: [...taxCodes] } },
        OR: [{ endDate: null }, { endDate: { gte: toDateColumn(on) } }],
      },
      orderBy: { startDate: 'desc' },
      select: {
        id: true,
        service: true,
        municipalityId: true,
        operatorProfile: true,
        upperSecondary: true,
        placedMinor: true,
        coPayingMunicipalityId: true,
        coPayingOutsideAmbito: true,
        beneficiary: { select: { taxCode: true } },
        provider: { select: { id: true, name: true, vatRateBasisPoints: true } },
      },
    });
    return rows.map((row) => ({
      projectId: row.id,
      taxCode: row.beneficiary.taxCode,
      service: row.service,
      municipalityId: row.municipalityId,
      provider: row.provider ? { id: row.provider.id, name: row.provider.name } : null,
      operatorProfile: row.operatorProfile,
      upperSecondary: row.upperSecondary,
      placedMinor: row.placedMinor,
      coPaid: row.coPayingMunicipalityId !== null || row.coPayingOutsideAmbito !== null,
      vatRateBasisPoints: row.provider?.vatRateBasisPoints ?? null,
    }));
  }

  async nextProtocolNumber(year: number): Promise<number> {
    const row = await this.database.prisma.protocolCounter.findUnique({ where: { year } });
    return (row?.lastNumber ?? 0) + 1;
  }

  async complete(inboundId: string, decision: IntakeDecision): Promise<CompletionResult> {
    const result = await this.completeAll([{ inboundId, decision }]);
    return result.status === 'completed' ? result.results[0]! : { status: 'number_taken', next: result.next };
  }

  async completeAll(
    entries: readonly { readonly inboundId: string; readonly decision: IntakeDecision }[],
  ): Promise<GroupCompletionResult> {
    // The provider a new project is given to was matched when the request was planned.
    const providerOfRecord = (record: RequestRecord) => record.opens?.providerId ?? null;
    const providerIdOf = (decision: IntakeDecision) =>
      decision.request ? providerOfRecord(decision.request) : null;
    // A group of plain outcomes (no change to a project, no contract reply, no cumulative contract)
    // is written in a few statements for the whole group; the others, and a group someone else got
    // to first, one by one.
    const plain = entries.every(
      ({ decision }) =>
        !decision.request?.changes &&
        !decision.contractReply &&
        !decision.cumulativeContracts?.length &&
        !decision.forecast &&
        !decision.moreRequests?.length,
    );
    let byGroup = plain;
    for (;;) {
      try {
        // A group is raw statements only, on the pool's own transaction; one message at a time
        // may also change projects through the ORM, so it runs in the ORM's transaction.
        const results = byGroup
          ? await this.database.sql.transaction(async (sql) =>
              finish(
                sql,
                await completeGroupIn(
                  sql,
                  entries.map((entry) => ({ ...entry, providerId: providerIdOf(entry.decision) })),
                ),
              ),
            )
          : await this.database.prisma.$transaction(async (tx) => {
              const done: Completed[] = [];
              for (const { inboundId, decision } of entries)
                done.push(await completeIn(tx, inboundId, decision, providerOfRecord));
              return finish(sqlIn(tx), done);
            });
        return { status: 'completed', results };
      } catch (error) {
        if (error instanceof NumberTaken)
          return { status: 'number_taken', year: error.year, next: error.next };
        if (error instanceof ClaimLost && byGroup) {
          byGroup = false;
          continue;
        }
        throw error;
      }
    }
  }
}

/** The audit and the outbox of the whole group in one statement, and what each message came to. */
async function finish(sql: Sql, done: readonly Completed[]) {
  const audit = done.flatMap((completed) => completed.audit);
  const messages = done.flatMap((completed) => completed.messages);
  if (audit.length > 0 || messages.length > 0) await writeAuditAndOutbox(sql, audit, messages);
  return done.map((completed) => completed.result);
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
