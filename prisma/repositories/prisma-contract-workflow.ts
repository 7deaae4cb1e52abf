import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { parseStoredDraft } from '../../domain/requests/stored-request-draft.js';
import type { ContractDraftStore } from '../../services/contracts/contract-drafts.js';
import type { ManualReplyStore } from '../../services/contracts/manual-contract-replies.js';
import type { UndecidedDrafts } from '../../services/contracts/contract-dispatch-due.js';
import type { ContractReplyRecord } from '../../services/intake/intake-store.js';
import type { OutboxMessage } from '../../services/outbox/outbox-message.js';
import {
  contractReplyContext,
  contractRequestFields,
  protocolLabel,
  recordContractReply,
} from './contract-replies.js';
import { writeOutbox } from './outbox-rows.js';
import { saveContractDocument, type ContractDocumentVersion } from './contract-document-rows.js';
import type {
  ContractDispatchStore,
  DecidedContract,
  FollowUp,
} from '../../services/contracts/contract-dispatch.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { initialsOf } from '../../domain/contracts/contract-notices.js';
import type { Database } from '../database/database.js';
import type { Prisma } from '../generated/client.js';
import { toCalendarDate, toDateColumn } from './date-columns.js';
import { sqlIn } from '../database/sql.js';

const bytes = (value: Uint8Array | null) => (value ? new Uint8Array(value) : null);

/** Contracts from their draft document to the e-mail that carries them to the provider. */
export class PrismaContractWorkflow
  implements ContractDraftStore, ContractDispatchStore, ManualReplyStore, UndecidedDrafts
{
  constructor(private readonly database: Database) {}

  replyContext(contractId: string, now: Date) {
    return contractReplyContext(this.database.prisma, { contractId }, now);
  }

  async recordReply(record: ContractReplyRecord, outbox: readonly OutboxMessage[]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      if (!(await recordContractReply(tx, record))) return false;
      await writeOutbox(sqlIn(tx), outbox);
      return true;
    });
  }

  async contractForProtocol(protocol: string): Promise<string | null> {
    const contract = await this.database.prisma.contract.findFirst({
      where: { request: { protocol } },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    return contract?.id ?? null;
  }

  async contractsWithoutDocument(limit: number): Promise<string[]> {
    const rows = await this.database.prisma.contract.findMany({
      where: { templateName: null },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async draftSource(contractId: string) {
    const contract = await this.database.prisma.contract.findUnique({
      where: { id: contractId },
      select: {
        templateName: true,
        provider: { select: { name: true, vatRateBasisPoints: true } },
        request: { select: { protocol: true, receivedOn: true, fields: true } },
      },
    });
    if (!contract) return null;
    return {
      hasDocument: contract.templateName !== null,
      source: {
        protocol: contract.request.protocol,
        receivedOn: toCalendarDate(contract.request.receivedOn),
        draft: parseStoredDraft(contract.request.fields),
        providerName: contract.provider?.name ?? null,
        vatRateBasisPoints: contract.provider?.vatRateBasisPoints ?? 500,
      },
    };
  }

  saveDocument(
    contractId: string,
    document: ContractDocumentVersion,
    options: { readonly dispatch?: boolean } = {},
  ): Promise<void> {
    return saveContractDocument(this.database.prisma, contractId, document, options);
  }

  /** A contract's document, for the signed link on the card. */
  async contractDocument(contractId: string, kind: 'docx' | 'pdf') {
    const contract = await this.database.prisma.contract.findUnique({
      where: { id: contractId },
      select: { docx: kind === 'docx', pdf: kind === 'pdf', request: { select: { protocol: true } } },
    });
    const content = contract ? (kind === 'docx' ? contract.docx : contract.pdf) : null;
    return content && contract
      ? { protocol: contract.request.protocol, content: new Uint8Array(content) }
      : null;
  }

  async decidedContract(contractId: string): Promise<DecidedContract | null> {
    const prisma = this.database.prisma;
    const contract = await prisma.contract.findUnique({
      where: { id: contractId },
      select: {
        id: true,
        state: true,
        followUpDoneAt: true,
        reason: true,
        outboundMessageId: true,
        dueBackOn: true,
        docx: true,
        pdf: true,
        version: true,
        returnedAt: true,
        phaseDDueOn: true,
        phaseDDoneOn: true,
        operatorName: true,
        provider: { select: { id: true, name: true, email: true } },
        request: { select: { ...contractRequestFields, municipalityId: true } },
      },
    });
    if (!contract) return null;
    const request = contract.request;
    const draft = parseStoredDraft(request.fields);
    const [providerInTeams, socialWorkersInTeams] = await Promise.all([
      contract.provider
        ? prisma.conversationReference.count({
            where: { scope: 'personal', teamsUser: { providerId: contract.provider.id } },
          })
        : 0,
      request.municipalityId
        ? prisma.conversationReference.count({
            where: {
              scope: 'personal',
              teamsUser: { municipalityId: request.municipalityId, role: 'social_worker' },
            },
          })
        : 0,
    ]);
    const service = request.service;
    const label = serviceLabel(service);
    const providerName = contract.provider?.name ?? draft.request?.provider ?? 'ente non indicato';
    const beneficiary = `${draft.beneficiary?.surname ?? ''} ${draft.beneficiary?.name ?? ''}`.trim();
    return {
      id: contract.id,
      state: contract.state,
      followUpDone: contract.followUpDoneAt !== null,
      reason: contract.reason,
      protocol: request.protocol,
      service,
      facts: {
        protocol: protocolLabel(request),
        serviceLabel: label,
        beneficiary,
        municipality: request.municipality?.name ?? draft.beneficiary?.municipality ?? null,
        provider: providerName,
      },
      reference: {
        protocol: request.protocol,
        service: service ?? '—',
        provider: providerName,
        beneficiaryInitials: initialsOf(draft.beneficiary?.surname ?? null, draft.beneficiary?.name ?? null),
      },
      municipalityId: request.municipalityId,
      provider: contract.provider
        ? { id: contract.provider.id, email: contract.provider.email, inTeams: providerInTeams > 0 }
        : null,
      socialWorkersInTeams: socialWorkersInTeams > 0,
      requestSender: request.senderAddress,
      requestMessageId: request.threadMessageId,
      outboundMessageId: contract.outboundMessageId,
      dueBackOn: contract.dueBackOn ? toCalendarDate(contract.dueBackOn) : null,
      docx: bytes(contract.docx),
      pdf: bytes(contract.pdf),
      version: contract.version,
      phaseD: {
        returnedOn: contract.returnedAt ? romeDateOf(contract.returnedAt) : null,
        dueOn: contract.phaseDDueOn ? toCalendarDate(contract.phaseDDueOn) : null,
        doneOn: contract.phaseDDoneOn ? toCalendarDate(contract.phaseDDoneOn) : null,
        operatorName: contract.operatorName,
        plannedStart: draft.request?.startDate ?? null,
      },
    };
  }

  async completeFollowUp(contractId: string, followUp: FollowUp, at: Date): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const sent = followUp.sent;
      const updated = await tx.contract.updateMany({
        where: { id: contractId, followUpDoneAt: null, ...(sent ? { state: 'approved' } : {}) },
        data: {
          followUpDoneAt: at,
          ...(sent
            ? {
                state: 'sent',
                sentAt: at,
                version: { increment: 1 },
                outboundMessageId: sent.outboundMessageId,
                dueBackOn: sent.dueBackOn ? toDateColumn(sent.dueBackOn) : null,
              }
            : {}),
        },
      });
      if (updated.count === 0) return false;
      if (sent) {
        await tx.contractStateChange.create({
          data: {
            contractId,
            fromState: 'approved',
            toState: 'sent',
            actor: 'Sportello',
            reason: "trasmesso all'ente via e-mail",
          },
        });
      }
      await tx.auditLog.create({
        data: {
          actor: 'sportello',
          action: sent ? 'contract_sent' : 'contract_follow_up',
          entityType: 'contract',
          entityId: contractId,
          ...(sent ? { fromState: 'approved', toState: 'sent' } : {}),
          details: {
            note: followUp.note,
            messages: followUp.outbox.map((item) => item.idempotencyKey),
            dueBackOn: sent?.dueBackOn ?? null,
          },
        },
      });
      await writeOutbox(sqlIn(tx), followUp.outbox);
      if (followUp.reminders.length > 0) {
        await tx.reminder.createMany({
          data: followUp.reminders.map((reminder) => ({
            idempotencyKey: reminder.idempotencyKey,
            kind: reminder.kind,
            dueAt: reminder.dueAt,
            payload: reminder.payload as Prisma.InputJsonValue,
          })),
          skipDuplicates: true,
        });
      }
      return true;
    });
  }

  async undecidedDrafts() {
    const rows = await this.database.prisma.contract.findMany({
      where: { state: 'draft' },
      select: {
        id: true,
        provider: { select: { name: true } },
        request: { select: { protocol: true, service: true, receivedOn: true, fields: true } },
      },
      take: 500,
    });
    return rows.map((row) => {
      const draft = parseStoredDraft(row.request.fields);
      return {
        contractId: row.id,
        service: row.request.service,
        receivedOn: toCalendarDate(row.request.receivedOn),
        reference: {
          protocol: row.request.protocol,
          service: row.request.service ?? '—',
          provider: row.provider?.name ?? draft.request?.provider ?? 'ente non indicato',
          beneficiaryInitials: initialsOf(
            draft.beneficiary?.surname ?? null,
            draft.beneficiary?.name ?? null,
          ),
        },
      };
    });
  }

  async pendingFollowUps(decidedBefore: Date): Promise<string[]> {
    const rows = await this.database.prisma.contract.findMany({
      where: {
        state: { in: ['approved', 'rejected'] },
        followUpDoneAt: null,
        decidedAt: { lt: decidedBefore },
      },
      select: { id: true },
      take: 100,
    });
    return rows.map((row) => row.id);
  }
}
