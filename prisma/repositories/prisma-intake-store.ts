import type {
  CompletionResult,
  InboundMessageInput,
  InboundState,
  IntakeDecision,
  IntakeStore,
  NewProject,
  RegisteredMessage,
} from '../../services/intake/intake-store.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';
import { contractReplyContext, recordContractReply } from './contract-replies.js';
import { writeAuditAndOutbox } from './outbox-rows.js';
import { toDateColumn } from './date-columns.js';
import { nextProtocolNumber } from './protocol-numbers.js';
import { namesProvider } from '../../domain/text/provider-name.js';

type ProviderNames = { id: string; name: string; aliases: string[] }[];

// Providers change a few times a year; a backlog of requests should not read them once each.
const providerNamesTtlMs = 60_000;

/** The mail intake's view of the database. */
export class PrismaIntakeStore implements IntakeStore {
  private providerNames: { at: number; rows: Promise<ProviderNames> } | null = null;

  constructor(private readonly database: Database) {}

  private providers(): Promise<ProviderNames> {
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
    // One round trip: insert, or return the row already there (xmax = 0 only for a fresh insert;
    // the no-op update makes RETURNING work on a conflict).
    const rows = await this.database.prisma.$queryRaw<
      { id: string; state: InboundState; attempts: number; inserted: boolean; content_hash: string }[]
    >`
      INSERT INTO inbound_message
        (id, mailbox, dedupe_key, message_id, content_hash, uid_validity, uid, received_at, from_address, raw, size_bytes, attempts)
      VALUES (gen_random_uuid(), ${message.mailbox}, ${message.dedupeKey}, ${message.messageId}, ${message.contentHash},
        ${message.uidValidity}, ${message.uid}, ${message.receivedAt}, ${message.fromAddress}, ${Buffer.from(message.raw)},
        ${message.raw.byteLength}, 0)
      ON CONFLICT (mailbox, dedupe_key) DO UPDATE SET attempts = inbound_message.attempts
      RETURNING id, state, attempts, (xmax = 0) AS inserted, content_hash`;
    const row = rows[0]!;
    return {
      id: row.id,
      state: row.state,
      attempts: row.attempts,
      isNew: row.inserted,
      contentHash: row.content_hash,
    };
  }

  async startAttempt(inboundId: string): Promise<number> {
    const rows = await this.database.prisma.$queryRaw<{ attempts: number }[]>`
      UPDATE inbound_message SET attempts = attempts + 1 WHERE id = ${inboundId}::uuid RETURNING attempts`;
    return rows[0]?.attempts ?? 1;
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

  async nextProtocolNumber(year: number): Promise<number> {
    const row = await this.database.prisma.protocolCounter.findUnique({ where: { year } });
    return (row?.lastNumber ?? 0) + 1;
  }

  async complete(inboundId: string, decision: IntakeDecision): Promise<CompletionResult> {
    const opens = decision.request?.opens;
    const providerId = opens?.providerName
      ? providerMatching(opens.providerName, await this.providers())
      : null;
    try {
      return await this.database.prisma.$transaction((tx) => completeIn(tx, inboundId, decision, providerId));
    } catch (error) {
      if (error instanceof NumberTaken) return { status: 'number_taken', next: error.next };
      throw error;
    }
  }
}

/** Thrown inside the transaction to roll it back when the expected protocol number is gone. */
class NumberTaken extends Error {
  constructor(readonly next: number) {
    super(`protocol number taken; next is ${next}`);
  }
}

async function completeIn(
  tx: Prisma.TransactionClient,
  inboundId: string,
  decision: IntakeDecision,
  providerId: string | null,
): Promise<CompletionResult> {
  // Only the first completion wins: a replica or a retry that comes second changes nothing.
  const claimed = await tx.inboundMessage.updateMany({
    where: { id: inboundId, state: 'registered' },
    data: {
      state: decision.state,
      kind: decision.kind,
      quarantineReason: decision.quarantineReason ?? null,
      processedAt: new Date(),
    },
  });
  if (claimed.count === 0) {
    const existing = await tx.request.findUnique({
      where: { inboundMessageId: inboundId },
      select: { protocol: true },
    });
    return { status: 'already_completed', protocol: existing?.protocol ?? null };
  }
  const audit: Prisma.AuditLogCreateManyInput[] = [];
  const record = decision.request;
  if (record) {
    const { year, number, text: protocol } = record.protocol;
    // The counter row stays locked until commit: concurrent requests queue behind it.
    const taken = await nextProtocolNumber(tx, year);
    if (taken.number !== number) throw new NumberTaken(taken.number);
    const opened = record.opens ? await openProject(tx, record.opens, providerId) : null;
    const request = await tx.request.create({
      data: {
        protocolYear: year,
        protocolNumber: number,
        protocol,
        inboundMessageId: inboundId,
        kind: record.kind,
        service: record.service,
        status: record.status,
        receivedAt: record.receivedAt,
        receivedOn: toDateColumn(record.receivedOn),
        senderAddress: record.senderAddress,
        authenticatedSender: record.authenticatedSender,
        senderMunicipalityId: record.senderMunicipalityId,
        threadMessageId: record.threadMessageId,
        fields: record.fields as Prisma.InputJsonValue,
        problems: record.problems as Prisma.InputJsonValue,
        municipalityId: record.municipalityId,
        projectId: opened?.projectId ?? null,
        beneficiaryId: opened?.beneficiaryId ?? null,
      },
      select: { id: true },
    });
    if (opened) await draftContract(tx, request.id, opened.projectId, providerId);
    audit.push({
      actor: 'sportello',
      action: 'request_registered',
      entityType: 'request',
      entityId: request.id,
      toState: record.status,
      details: { protocol, inboundMessageId: inboundId, problems: record.problems.length },
    });
  }
  const protocol = record?.protocol.text ?? null;
  audit.push({
    actor: 'sportello',
    action: 'inbound_message_handled',
    entityType: 'inbound_message',
    entityId: inboundId,
    fromState: 'registered',
    toState: decision.state,
    reason: decision.quarantineReason ?? null,
    details: { kind: decision.kind, protocol },
  });
  if (decision.contractReply) await recordContractReply(tx, decision.contractReply);
  await writeAuditAndOutbox(tx, audit, decision.messages);
  return { status: 'completed', protocol };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function providerMatching(name: string, providers: ProviderNames): string | null {
  return (
    providers.find((candidate) => namesProvider(name, [candidate.name, ...candidate.aliases]))?.id ?? null
  );
}

/** The beneficiary (created or refreshed) and the pending project of an accepted request, in one statement. */
async function openProject(
  tx: Prisma.TransactionClient,
  opens: NewProject,
  providerId: string | null,
): Promise<{ projectId: string; beneficiaryId: string }> {
  const person = opens.beneficiary;
  const rows = await tx.$queryRaw<{ project_id: string; beneficiary_id: string }[]>`
    WITH person AS (
      INSERT INTO beneficiary (id, tax_code, surname, name, birth_date, municipality_id)
      VALUES (gen_random_uuid(), ${person.taxCode}, ${person.surname}, ${person.name},
              ${person.birthDate}::date, ${person.municipalityId})
      ON CONFLICT (tax_code) DO UPDATE
        SET surname = EXCLUDED.surname, name = EXCLUDED.name, municipality_id = EXCLUDED.municipality_id
      RETURNING id
    )
    INSERT INTO project (id, beneficiary_id, service, municipality_id, co_paying_municipality_id,
      co_paying_outside_ambito, provider_id, start_date, end_date, annual_minutes, committed_budget_cents, operator_profile,
      upper_secondary, day_unit_id, status)
    SELECT gen_random_uuid(), person.id, ${opens.service}, ${person.municipalityId},
      ${opens.coPayingMunicipalityId}::text, ${opens.coPayingOutsideAmbito}::text, ${providerId}::uuid, ${opens.startDate}::date,
      ${opens.endDate}::date, ${opens.annualMinutes}::int, ${opens.committedBudgetCents}::int,
      ${opens.operatorProfile}::text, ${opens.upperSecondary}::boolean, ${opens.dayUnitId}::text,
      'pending'::project_status
    FROM person
    RETURNING id::text AS project_id, beneficiary_id::text AS beneficiary_id`;
  const row = rows[0]!;
  return { projectId: row.project_id, beneficiaryId: row.beneficiary_id };
}

/** The draft contract and its first state change, in one statement. */
async function draftContract(
  tx: Prisma.TransactionClient,
  requestId: string,
  projectId: string,
  providerId: string | null,
): Promise<void> {
  await tx.$executeRaw`
    WITH drafted AS (
      INSERT INTO contract (id, request_id, project_id, provider_id, state)
      VALUES (gen_random_uuid(), ${requestId}::uuid, ${projectId}::uuid, ${providerId}::uuid, 'draft'::contract_state)
      RETURNING id
    )
    INSERT INTO contract_state_change (contract_id, from_state, to_state, actor)
    SELECT id, NULL, 'draft'::contract_state, 'sportello' FROM drafted`;
}
