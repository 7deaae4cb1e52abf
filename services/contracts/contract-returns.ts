import { staffOnlyMessage } from '../access/refusal.js';
import type { Caller } from '../access/caller.js';
import { staffAction, type ContractDecisionStore, type DecisionResult } from './contract-decisions.js';

/** Records a provider's answer that reached the office by other means (by hand, PEC, phone). */
export interface ContractReturnRecorder {
  /** False when the contract was no longer waiting for the provider's answer. */
  record(input: {
    contractId: string;
    outcome: 'returned' | 'refused';
    reason: string | null;
    actor: { teamsUserId: string; displayName: string };
  }): Promise<boolean>;
}

/**
 * Staff mark from the card that the provider returned the signed contract, or refused it (with
 * the motivation it gave). Only staff may; a second click changes nothing.
 */
export function recordContractReturn(
  store: ContractDecisionStore,
  recorder: ContractReturnRecorder,
  caller: Caller | null,
  input: { contractId: string; outcome: 'returned' | 'refused'; reason: string | null },
): Promise<DecisionResult> {
  return staffAction(store, caller, {
    contractId: input.contractId,
    verb: input.outcome,
    staffOnlyMessage: `${staffOnlyMessage('registrare la restituzione o il rifiuto di un contratto')} La richiesta è stata registrata.`,
    missingReasonMessage:
      input.outcome === 'refused'
        ? "Per registrare il rifiuto occorre indicarne la motivazione data dall'ente."
        : null,
    reason: input.reason,
    fromState: 'sent',
    act: (actor, reason) =>
      recorder.record({ contractId: input.contractId, outcome: input.outcome, reason, actor }),
  });
}
