import type { ContractCardData } from './contract-card-data.js';
import type { Caller } from '../access/caller.js';

/** What the approval card needs from the database. */
export interface ContractDecisionStore {
  cardData(contractId: string): Promise<ContractCardData | null>;
  /** Draft contracts still waiting for a decision, oldest first. */
  pendingDrafts(limit: number): Promise<string[]>;
  /**
   * Moves a draft to approved or rejected if it still has `expectedVersion`, with its audit entry
   * and the next steps, atomically. Returns false when someone decided first (a stale card).
   */
  decide(input: {
    contractId: string;
    expectedVersion: number;
    decision: 'approved' | 'rejected';
    actor: { teamsUserId: string; displayName: string };
    reason: string | null;
  }): Promise<boolean>;
  /** Records in the audit log that someone without the right tried to decide. */
  auditRefusal(
    contractId: string,
    actor: { teamsUserId: string; displayName: string; role: string },
    verb: string,
  ): Promise<void>;
}

export type DecisionResult =
  | { readonly outcome: 'decided' | 'stale'; readonly card: ContractCardData }
  | { readonly outcome: 'forbidden'; readonly card: ContractCardData | null; readonly message: string }
  | { readonly outcome: 'not_found' };

/**
 * Approve or reject a contract from its card. Only staff may; a second click, or a click on a card
 * someone else already decided, changes nothing and shows the current state.
 */
export async function decideContract(
  store: ContractDecisionStore,
  caller: Caller | null,
  input: { contractId: string; version: number; decision: 'approved' | 'rejected'; reason: string | null },
): Promise<DecisionResult> {
  const current = await store.cardData(input.contractId);
  if (!current) return { outcome: 'not_found' };
  if (!caller || caller.role !== 'staff') {
    return refuseNonStaff(
      store,
      caller,
      current,
      input.decision,
      "Solo il personale dell'Ufficio Amministrazione può approvare o rifiutare i contratti. La richiesta è stata registrata.",
    );
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'rejected' && !reason) {
    return {
      outcome: 'forbidden',
      card: current,
      message: 'Per rifiutare un contratto occorre indicarne il motivo.',
    };
  }
  const decided =
    current.state === 'draft' &&
    (await store.decide({
      contractId: input.contractId,
      expectedVersion: input.version,
      decision: input.decision,
      actor: { teamsUserId: caller.teamsUserId, displayName: caller.displayName },
      reason,
    }));
  const card = (await store.cardData(input.contractId)) ?? current;
  return { outcome: decided ? 'decided' : 'stale', card };
}

/** Someone who is not staff tried to act on a contract: the attempt is audited, the card explains. */
export async function refuseNonStaff(
  store: ContractDecisionStore,
  caller: Caller | null,
  current: ContractCardData,
  verb: string,
  message: string,
): Promise<DecisionResult> {
  await store.auditRefusal(
    current.contractId,
    {
      teamsUserId: caller?.teamsUserId ?? 'sconosciuto',
      displayName: caller?.displayName ?? 'sconosciuto',
      role: caller?.role ?? 'unknown',
    },
    verb,
  );
  return { outcome: 'forbidden', card: current, message };
}
