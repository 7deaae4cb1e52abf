import type { Logger } from 'pino';
import type { Caller } from '../access/caller.js';
import type { ContractCardData } from './contract-card-data.js';
import {
  decideContract,
  viewContractCard,
  type ContractDecisionStore,
  type DecisionResult,
} from './contract-decisions.js';
import { recordContractReturn, type ContractReturnRecorder } from './contract-returns.js';
import type { PhaseDSteps } from './phase-d-steps.js';

/** The steps after a committed decision: the contract e-mailed to the provider, or the refusal explained. */
export interface ContractFollowUp {
  afterDecision(contractId: string): Promise<void>;
}

/** Writes a draft's document when it is still missing. */
export interface ContractDocumentWriter {
  ensureDocument(contractId: string): Promise<void>;
}

/** Sends what was just queued now rather than at the next poll. */
export interface OutboxWaker {
  wake(): void;
  /** Whether it is sending right now (background documents wait for it); never, when absent. */
  isSending?(): boolean;
}

/**
 * What staff do on a contract's card, wherever the card is (Teams today): approve or reject it,
 * mark it returned or refused by the provider, see it and the drafts still waiting. Each action
 * checks the caller, commits, then runs its next steps, so that the card answered shows them.
 */
export class ContractCardActions {
  constructor(
    private readonly store: ContractDecisionStore,
    private readonly returns: ContractReturnRecorder,
    private readonly followUp: ContractFollowUp,
    private readonly documents: ContractDocumentWriter,
    private readonly outbox: OutboxWaker,
    private readonly logger: Logger,
    private readonly phaseD: Pick<PhaseDSteps, 'mark'>,
  ) {}

  /** The contract as its card shows it, to staff only (the card's refresh, a link opened later). */
  view(caller: Caller | null, contractId: string): Promise<DecisionResult> {
    return viewContractCard(this.store, caller, contractId);
  }

  /** The drafts still waiting for a decision, oldest first, each with its document written. */
  async pendingCards(limit: number): Promise<ContractCardData[]> {
    const cards: ContractCardData[] = [];
    for (const contractId of await this.store.pendingDrafts(limit)) {
      await this.documents.ensureDocument(contractId);
      const card = await this.store.cardData(contractId);
      if (card) cards.push(card);
    }
    return cards;
  }

  /** Approve or reject (staff only); once committed, the next steps run before the card is answered. */
  async decide(
    caller: Caller | null,
    input: { contractId: string; version: number; decision: 'approved' | 'rejected'; reason: string | null },
  ): Promise<DecisionResult> {
    const result = await decideContract(this.store, caller, input);
    if (result.outcome !== 'decided') return result;
    try {
      await this.followUp.afterDecision(input.contractId);
      this.outbox.wake();
    } catch (error) {
      // The decision stands; the calendar's catch-up retries the next steps.
      this.logger.error({ err: error, contractId: input.contractId }, 'contract follow-up failed');
      return result;
    }
    return { outcome: 'decided', card: (await this.store.cardData(input.contractId)) ?? result.card };
  }

  /**
   * Staff mark the fase D entered in Gecas after the signed return, with the operator's name; the
   * Comune is told the service may start (seed l. 240-246).
   */
  async markPhaseD(
    caller: Caller | null,
    input: { contractId: string; version: number; operatorName: string | null },
  ): Promise<DecisionResult> {
    const result = await this.phaseD.mark(caller, input);
    if (result.outcome === 'recorded') this.outbox.wake();
    if (result.outcome === 'refused' && result.code === 'not_staff')
      return { outcome: 'forbidden', code: 'not_staff', card: null, message: result.message };
    const card = await this.store.cardData(input.contractId);
    if (!card) return { outcome: 'not_found' };
    return { outcome: result.outcome === 'recorded' ? 'decided' : 'stale', card };
  }

  /** The provider's answer that reached the office by other means (staff only). */
  async recordReturn(
    caller: Caller | null,
    input: { contractId: string; outcome: 'returned' | 'refused'; reason: string | null },
  ): Promise<DecisionResult> {
    const result = await recordContractReturn(this.store, this.returns, caller, input);
    if (result.outcome === 'decided') this.outbox.wake();
    return result;
  }
}
