import { parseStoredDraft } from '../../domain/requests/stored-request-draft.js';
import { calendarDate, romeDateOf, yearOf } from '../../domain/calendar/calendar-date.js';
import { romeInstant } from '../../domain/calendar/rome-instant.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { initialsOf } from '../../domain/contracts/contract-notices.js';
import type { ContractReplyRecord } from '../../services/intake/intake-store.js';
import type { ContractReplyContext } from '../../services/contracts/contract-reply-messages.js';
import type { Prisma, PrismaClient } from '../generated/client.js';
import { toDateColumn } from './date-columns.js';

type Client = PrismaClient | Prisma.TransactionClient;

/** What the e-mails and notices about a contract need from its request. */
export const contractRequestFields = {
  protocol: true,
  service: true,
  fields: true,
  senderAddress: true,
  threadMessageId: true,
  officeProtocol: true,
  municipality: { select: { name: true } },
} as const;

/** The request's number as e-mails and cards give it: with the office's protocol once recorded. */
export function protocolLabel(request: { protocol: string; officeProtocol: string | null }): string {
  return request.officeProtocol ? `${request.protocol} (prot. ${request.officeProtocol})` : request.protocol;
}

/** The contract a reply is about (by id, or by the Message-IDs the reply refers to). */
export async function contractReplyContext(
  client: Client,
  where: { contractId: string } | { messageIds: readonly string[] },
  now: Date,
): Promise<ContractReplyContext | null> {
  const contract = await client.contract.findFirst({
    where:
      'contractId' in where ? { id: where.contractId } : { outboundMessageId: { in: [...where.messageIds] } },
    select: {
      id: true,
      state: true,
      provider: { select: { id: true, name: true } },
      request: { select: contractRequestFields },
    },
  });
  if (!contract) return null;
  const year = yearOf(romeDateOf(now));
  const refusalsThisYear = contract.provider
    ? await client.contract.count({
        where: {
          providerId: contract.provider.id,
          refusedAt: {
            gte: romeInstant(calendarDate(`${year}-01-01`), 0),
            lt: romeInstant(calendarDate(`${year + 1}-01-01`), 0),
          },
        },
      })
    : 0;
  const request = contract.request;
  const draft = parseStoredDraft(request.fields);
  const service = request.service;
  const provider = contract.provider?.name ?? draft.request?.provider ?? 'ente non indicato';
  return {
    contractId: contract.id,
    state: contract.state,
    facts: {
      protocol: protocolLabel(request),
      serviceLabel: serviceLabel(service),
      beneficiary: `${draft.beneficiary?.surname ?? ''} ${draft.beneficiary?.name ?? ''}`.trim(),
      municipality: request.municipality?.name ?? draft.beneficiary?.municipality ?? null,
      provider,
    },
    reference: {
      protocol: request.protocol,
      service: service ?? '—',
      provider,
      beneficiaryInitials: initialsOf(draft.beneficiary?.surname ?? null, draft.beneficiary?.name ?? null),
    },
    providerId: contract.provider?.id ?? null,
    service,
    refusalsThisYear,
    year,
    requestSender: request.senderAddress,
    requestMessageId: request.threadMessageId,
  };
}

/**
 * Records the provider's answer on a contract still waiting for it (state `sent`), with its
 * history and audit entries. False when the contract was not waiting (already answered).
 */
export async function recordContractReply(
  tx: Prisma.TransactionClient,
  record: ContractReplyRecord,
): Promise<boolean> {
  const returned = record.outcome === 'returned';
  const updated = await tx.contract.updateMany({
    where: { id: record.contractId, state: 'sent' },
    data: returned
      ? {
          state: 'returned',
          version: { increment: 1 },
          returnedAt: record.at,
          returnedDocument: record.document ? Buffer.from(record.document.content) : null,
          returnedFileName: record.document?.fileName ?? null,
          phaseDDueOn: record.phaseD ? toDateColumn(record.phaseD.dueOn) : null,
          operatorName: record.operatorName,
        }
      : { state: 'refused', version: { increment: 1 }, refusedAt: record.at, refusalReason: record.reason },
  });
  if (updated.count === 0) return false;
  if (record.phaseD?.reminders.length)
    await tx.reminder.createMany({
      data: record.phaseD.reminders.map((reminder) => ({
        idempotencyKey: reminder.idempotencyKey,
        kind: reminder.kind,
        dueAt: reminder.dueAt,
        payload: reminder.payload as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
    });
  await tx.contractStateChange.create({
    data: {
      contractId: record.contractId,
      fromState: 'sent',
      toState: record.outcome,
      actor: record.actor,
      reason: record.reason,
      at: record.at,
    },
  });
  await tx.auditLog.create({
    data: {
      actor: record.actor,
      action: returned ? 'contract_returned' : 'contract_refused',
      entityType: 'contract',
      entityId: record.contractId,
      fromState: 'sent',
      toState: record.outcome,
      reason: record.reason,
      details: {
        document: record.document?.fileName ?? null,
        phaseDDueOn: record.phaseD?.dueOn ?? null,
        operatorName: record.operatorName,
      },
    },
  });
  return true;
}
