import type { ContractCardData } from './contract-card-data.js';
import type { Caller } from '../access/caller.js';
import { refuseNonStaff, type ContractDecisionStore, type DecisionResult } from './contract-decisions.js';

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
export async function recordContractReturn(
  store: ContractDecisionStore,
  recorder: ContractReturnRecorder,
  caller: Caller | null,
  input: { contractId: string; outcome: 'returned' | 'refused'; reason: string | null },
): Promise<DecisionResult> {
  const current = await store.cardData(input.contractId);
  if (!current) return { outcome: 'not_found' };
  if (!caller || caller.role !== 'staff') {
    return refuseNonStaff(
      store,
      caller,
      current,
      input.outcome,
      "Solo il personale dell'Ufficio Amministrazione può registrare la restituzione o il rifiuto di un contratto. La richiesta è stata registrata.",
    );
  }
  const reason = input.reason?.trim() || null;
  if (input.outcome === 'refused' && !reason) {
    return {
      outcome: 'forbidden',
      card: current,
      message: "Per registrare il rifiuto occorre indicarne la motivazione data dall'ente.",
    };
  }
  const recorded =
    current.state === 'sent' &&
    (await recorder.record({
      contractId: input.contractId,
      outcome: input.outcome,
      reason,
      actor: { teamsUserId: caller.teamsUserId, displayName: caller.displayName },
    }));
  const card: ContractCardData = (await store.cardData(input.contractId)) ?? current;
  return { outcome: recorded ? 'decided' : 'stale', card };
}
