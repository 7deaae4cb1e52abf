import type { CompletionResult, IntakeDecision, RequestRecord } from '../../services/intake/intake-store.js';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import type { Prisma } from '../generated/client.js';
import { sqlIn, type Sql } from '../database/sql.js';
import { recordContractReply } from './contract-replies.js';
import { applyProjectChange } from './project-changes.js';
import { insertCumulativeContracts } from './prisma-cumulative-contract-store.js';
import { insertForecast } from './forecast-rows.js';
import { insertReceivedDocuments } from './received-documents.js';
import { claimGroup, insertGroupRequests, takeGroupNumbers, type GroupEntry } from './request-group-rows.js';

// How a handled message is written inside the intake's transaction: one at a time, or a group of
// plain outcomes in a few statements.

/** Thrown inside the transaction to roll it back when the expected protocol number is gone. */
export class NumberTaken extends Error {
  constructor(
    readonly year: number,
    readonly next: number,
  ) {
    super(`protocol number of ${year} taken; next is ${next}`);
  }
}

/** Thrown inside a group's transaction when one of its messages was completed by someone else. */
export class ClaimLost extends Error {}

/** The group's messages in a few statements: claims, numbers of each year, requests, in order. */
export async function completeGroupIn(sql: Sql, entries: readonly GroupEntry[]): Promise<Completed[]> {
  if (!(await claimGroup(sql, entries)))
    throw new ClaimLost('a message of the group was completed meanwhile');
  const numbersOf = new Map<number, number[]>();
  for (const { decision } of entries) {
    const protocol = decision.request?.protocol;
    if (protocol) numbersOf.set(protocol.year, [...(numbersOf.get(protocol.year) ?? []), protocol.number]);
  }
  for (const [year, numbers] of numbersOf) {
    const first = await takeGroupNumbers(sql, year, numbers);
    if (first !== null) throw new NumberTaken(year, first);
  }
  const requestIds = await insertGroupRequests(sql, entries);
  await insertReceivedDocuments(
    sql,
    entries.map(({ inboundId, decision }) => ({ inboundId, documents: decision.documents })),
  );
  return entries.map(({ inboundId, decision }, index) => ({
    result: { status: 'completed', protocol: decision.request?.protocol.text ?? null },
    audit: auditOf(inboundId, decision, requestIds[index] ?? null),
    messages: decision.messages,
  }));
}

/** What one message's completion leaves to write at the end of its transaction. */
export interface Completed {
  readonly result: Exclude<CompletionResult, { status: 'number_taken' }>;
  readonly audit: readonly Prisma.AuditLogCreateManyInput[];
  readonly messages: IntakeDecision['messages'];
}

export async function completeIn(
  tx: Prisma.TransactionClient,
  inboundId: string,
  decision: IntakeDecision,
  providerIdOf: (record: RequestRecord) => string | null,
): Promise<Completed> {
  const records = [...(decision.request ? [decision.request] : []), ...(decision.moreRequests ?? [])];
  const sql = sqlIn(tx);
  // Only the first completion wins: a replica or a retry that comes second changes nothing.
  const claimed = await claimGroup(sql, [{ inboundId, decision, providerId: null }]);
  if (!claimed) {
    const existing = await tx.request.findFirst({
      where: { inboundMessageId: inboundId },
      orderBy: { protocol: 'asc' },
      select: { protocol: true },
    });
    return {
      result: { status: 'already_completed', protocol: existing?.protocol ?? null },
      audit: [],
      messages: [],
    };
  }
  const numbersOf = new Map<number, number[]>();
  for (const { protocol } of records)
    numbersOf.set(protocol.year, [...(numbersOf.get(protocol.year) ?? []), protocol.number]);
  // The counter rows stay locked until commit: concurrent requests queue behind them.
  for (const [year, numbers] of numbersOf) {
    const first = await takeGroupNumbers(sql, year, numbers);
    if (first !== null) throw new NumberTaken(year, first);
  }
  // Several forms of one message are several requests of the same message.
  const requestIds = await insertGroupRequests(
    sql,
    records.map((record) => ({
      inboundId,
      decision: { ...decision, request: record },
      providerId: providerIdOf(record),
    })),
  );
  const audit: Prisma.AuditLogCreateManyInput[] = [];
  for (const [index, record] of records.entries()) {
    const requestId = requestIds[index] ?? null;
    if (record.changes && requestId)
      await applyProjectChange(
        tx,
        requestId,
        record.changes.projectId,
        record.changes.change,
        calendarDate(record.receivedOn),
      );
    if (requestId) audit.push(registeredAudit(inboundId, record, requestId));
  }
  audit.push(handledAudit(inboundId, decision));
  await insertReceivedDocuments(sql, [{ inboundId, documents: decision.documents }]);
  if (decision.contractReply) await recordContractReply(tx, decision.contractReply);
  if (decision.cumulativeContracts)
    await insertCumulativeContracts(tx, inboundId, decision.cumulativeContracts);
  if (decision.forecast) await insertForecast(tx, inboundId, decision.forecast);
  const protocol = decision.request?.protocol.text ?? null;
  return { result: { status: 'completed', protocol }, audit, messages: decision.messages };
}

/** The audit of a handled message: the request registered (if any), then the message. */
function auditOf(
  inboundId: string,
  decision: IntakeDecision,
  requestId: string | null,
): Prisma.AuditLogCreateManyInput[] {
  const record = decision.request;
  return [
    ...(record && requestId ? [registeredAudit(inboundId, record, requestId)] : []),
    handledAudit(inboundId, decision),
  ];
}

function registeredAudit(
  inboundId: string,
  record: RequestRecord,
  requestId: string,
): Prisma.AuditLogCreateManyInput {
  return {
    actor: 'sportello',
    action: 'request_registered',
    entityType: 'request',
    entityId: requestId,
    toState: record.status,
    details: {
      protocol: record.protocol.text,
      inboundMessageId: inboundId,
      problems: record.problems.length,
    },
  };
}

function handledAudit(inboundId: string, decision: IntakeDecision): Prisma.AuditLogCreateManyInput {
  const protocols = [decision.request, ...(decision.moreRequests ?? [])]
    .filter((record): record is RequestRecord => !!record)
    .map((record) => record.protocol.text);
  return {
    actor: 'sportello',
    action: 'inbound_message_handled',
    entityType: 'inbound_message',
    entityId: inboundId,
    fromState: 'registered',
    toState: decision.state,
    reason: decision.quarantineReason ?? null,
    details: {
      kind: decision.kind,
      protocol: protocols[0] ?? null,
      ...(protocols.length > 1 ? { protocols } : {}),
    },
  };
}
