import { requestKindLabel } from '../../domain/requests/request-labels.js';
import { signatureNotice, signersOfStoredFields } from '../../domain/requests/digital-signature.js';
import { parseStoredDraft } from '../../domain/requests/stored-request-draft.js';
import { protocolLabel } from './contract-replies.js';
import { catalogueNotice } from '../../domain/catalogue/catalogue.js';
import type { ContractCardData } from '../../services/contracts/contract-card-data.js';
import type { ContractDecisionStore } from '../../services/contracts/contract-decisions.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { requestDeadlines } from '../../domain/deadlines/request-deadlines.js';
import { budgetEstimate } from '../../domain/rules/budget-rule.js';
import { checksPassed } from '../../domain/rules/checks-passed.js';
import { dayCentreBudgetNotice, dayCentreEstimate } from '../../domain/rules/day-centre-budget.js';
import type { Database } from '../database/database.js';
import { toCalendarDate } from './date-columns.js';
import { romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { ContractMilestone } from '../../services/contracts/contract-card-data.js';

/** Contracts as the approval card shows and decides them. */
export class PrismaContractDecisions implements ContractDecisionStore {
  constructor(
    private readonly database: Database,
    /** How a contract's document is linked from the card (signed URL), when there is one. */
    private readonly documentUrl: (contractId: string) => string | null = () => null,
  ) {}

  async cardData(contractId: string): Promise<ContractCardData | null> {
    const contract = await this.database.prisma.contract.findUnique({
      where: { id: contractId },
      select: {
        id: true,
        version: true,
        state: true,
        decidedBy: true,
        decidedAt: true,
        reason: true,
        sentAt: true,
        dueBackOn: true,
        returnedAt: true,
        refusalReason: true,
        templateName: true,
        dueOn: true,
        phaseDDueOn: true,
        phaseDDoneOn: true,
        operatorName: true,
        serviceMayStartOn: true,
        provider: { select: { name: true } },
        request: {
          select: {
            protocol: true,
            officeProtocol: true,
            kind: true,
            service: true,
            receivedOn: true,
            fields: true,
          },
        },
      },
    });
    if (!contract) return null;
    const draft = parseStoredDraft(contract.request.fields);
    const receivedOn = toCalendarDate(contract.request.receivedOn);
    const service = contract.request.service;
    const municipality = draft.beneficiary?.municipality ?? null;
    const estimate = draft.request ? budgetEstimate(draft, { receivedOn }) : null;
    const deadlines = requestDeadlines({
      kind: draft.kind,
      service: service && isServiceCode(service) ? service : null,
      receivedOn,
    });
    const hasDocument = contract.templateName !== null;
    return {
      contractId: contract.id,
      version: contract.version,
      state: contract.state,
      protocol: protocolLabel(contract.request),
      kindLabel: requestKindLabel(contract.request.kind),
      serviceLabel: serviceLabel(service),
      beneficiary: {
        fullName: `${draft.beneficiary?.surname ?? ''} ${draft.beneficiary?.name ?? ''}`.trim(),
        taxCode: draft.beneficiary?.taxCode ?? null,
        municipality,
      },
      provider: contract.provider?.name ?? draft.request?.provider ?? null,
      annualHours: draft.request?.annualHours ?? null,
      budgetCents: draft.request?.annualBudgetCents ?? null,
      estimatedCostCents:
        estimate?.municipalityShareCents ??
        dayCentreEstimate(draft, { receivedOn })?.municipalityCents ??
        null,
      checks: draft.request ? checksPassed(draft, { receivedOn }) : [],
      notices: [
        catalogueNotice(receivedOn),
        signatureNotice(signersOfStoredFields(contract.request.fields)),
        dayCentreBudgetNotice(draft, { receivedOn }),
      ].filter((notice): notice is string => notice !== null),
      deadlines: deadlines.map((deadline) => ({ label: deadline.description, date: deadline.dueDate })),
      documentUrl: hasDocument ? this.documentUrl(contract.id) : null,
      decision:
        contract.decidedBy && contract.decidedAt
          ? { by: contract.decidedBy, at: contract.decidedAt, reason: contract.reason }
          : null,
      delivery: {
        sentAt: contract.sentAt,
        dueBackOn: contract.dueBackOn ? toCalendarDate(contract.dueBackOn) : null,
        returnedAt: contract.returnedAt,
        refusalReason: contract.refusalReason,
      },
      milestones: contractMilestones(contract, draft.request?.startDate ?? null),
      operatorName: contract.operatorName,
      phaseDPending: contract.state === 'returned' && contract.phaseDDoneOn === null,
    };
  }

  async pendingDrafts(limit: number): Promise<string[]> {
    const rows = await this.database.prisma.contract.findMany({
      where: { state: 'draft' },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async decide(input: Parameters<ContractDecisionStore['decide']>[0]): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const updated = await tx.contract.updateMany({
        where: { id: input.contractId, state: 'draft', version: input.expectedVersion },
        data: {
          state: input.decision,
          version: { increment: 1 },
          decidedBy: input.actor.displayName,
          decidedAt: new Date(),
          reason: input.reason,
        },
      });
      if (updated.count === 0) return false;
      await tx.contractStateChange.create({
        data: {
          contractId: input.contractId,
          fromState: 'draft',
          toState: input.decision,
          actor: input.actor.displayName,
          reason: input.reason,
        },
      });
      await tx.auditLog.create({
        data: {
          actor: `teams:${input.actor.teamsUserId}`,
          action: input.decision === 'approved' ? 'contract_approved' : 'contract_rejected',
          entityType: 'contract',
          entityId: input.contractId,
          fromState: 'draft',
          toState: input.decision,
          reason: input.reason,
          details: { by: input.actor.displayName },
        },
      });
      return true;
    });
  }

  async auditRefusal(
    contractId: string,
    actor: { teamsUserId: string; displayName: string; role: string },
    verb: string,
  ): Promise<void> {
    await this.database.prisma.auditLog.create({
      data: {
        actor: `teams:${actor.teamsUserId}`,
        action: 'contract_decision_refused',
        entityType: 'contract',
        entityId: contractId,
        reason: `ruolo ${actor.role} non autorizzato`,
        details: { attempted: verb, by: actor.displayName },
      },
    });
  }
}

const dateOf = (value: Date | null) => (value ? toCalendarDate(value) : null);
const dayOf = (value: Date | null) => (value ? romeDateOf(value) : null);

/** The contract's steps, planned beside done: to the provider, back signed, fase D, the start. */
function contractMilestones(
  contract: {
    dueOn: Date | null;
    sentAt: Date | null;
    dueBackOn: Date | null;
    returnedAt: Date | null;
    phaseDDueOn: Date | null;
    phaseDDoneOn: Date | null;
    serviceMayStartOn: Date | null;
  },
  plannedStart: CalendarDate | null,
): ContractMilestone[] {
  return [
    {
      label: "Invio del contratto all'ente",
      planned: dateOf(contract.dueOn),
      actual: dayOf(contract.sentAt),
    },
    {
      label: "Restituzione firmata dall'ente",
      planned: dateOf(contract.dueBackOn),
      actual: dayOf(contract.returnedAt),
    },
    {
      label: 'Fase D in Gecas',
      planned: dateOf(contract.phaseDDueOn),
      actual: dateOf(contract.phaseDDoneOn),
    },
    {
      label: 'Avvio del servizio (comunicato al Comune)',
      planned: plannedStart,
      actual: dateOf(contract.serviceMayStartOn),
    },
  ];
}
