import { isStaff, staffOnlyMessage, type RefusalCode } from '../access/refusal.js';
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

/**
 * What an action on the card led to. A refusal to someone who is not staff carries no card: the
 * card holds a beneficiary's personal data and a link to the contract.
 */
export type DecisionResult =
  | { readonly outcome: 'decided' | 'stale'; readonly card: ContractCardData }
  | {
      readonly outcome: 'forbidden';
      readonly code: Extract<RefusalCode, 'not_staff' | 'reason_missing'>;
      readonly card: ContractCardData | null;
      readonly message: string;
    }
  | { readonly outcome: 'not_found' };

/** Told to anyone who is not staff and asks to see a contract's card. */
export const staffOnlyCardMessage =
  "Questo contratto è visibile solo al personale dell'Ufficio Amministrazione. La richiesta è stata registrata.";

/** One thing staff do on a contract's card, as `staffAction` checks and runs it. */
export interface StaffAction {
  readonly contractId: string;
  /** What was attempted, for the audit of a refusal (`approved`, `returned`…). */
  readonly verb: string;
  /** Told to anyone who is not staff. */
  readonly staffOnlyMessage: string;
  /** Told when the action needs a reason and none was given; null when none is needed. */
  readonly missingReasonMessage: string | null;
  readonly reason: string | null;
  /** The state the contract must still be in for the action to do anything. */
  readonly fromState: ContractCardData['state'];
  /** Commits the action; false when someone acted first. */
  act(staff: { teamsUserId: string; displayName: string }, reason: string | null): Promise<boolean>;
}

/**
 * Checks and runs an action of the card: only staff may act (every other attempt is audited and
 * answered with the card and why); a second click, or a click on a card someone else already acted
 * on, changes nothing and shows the current state.
 */
export async function staffAction(
  store: ContractDecisionStore,
  caller: Caller | null,
  action: StaffAction,
): Promise<DecisionResult> {
  // The caller first: nothing about the contract (not even whether it exists) for anyone else.
  if (!isStaff(caller)) {
    return refuseNonStaff(store, caller, action.contractId, action.verb, action.staffOnlyMessage);
  }
  const current = await store.cardData(action.contractId);
  if (!current) return { outcome: 'not_found' };
  const reason = action.reason?.trim() || null;
  if (action.missingReasonMessage && !reason) {
    return {
      outcome: 'forbidden',
      code: 'reason_missing',
      card: current,
      message: action.missingReasonMessage,
    };
  }
  const done =
    current.state === action.fromState &&
    (await action.act({ teamsUserId: caller.teamsUserId, displayName: caller.displayName }, reason));
  const card = (await store.cardData(action.contractId)) ?? current;
  return { outcome: done ? 'decided' : 'stale', card };
}

/** Approve or reject a contract from its card (staff only; a reason is needed to reject). */
export function decideContract(
  store: ContractDecisionStore,
  caller: Caller | null,
  input: { contractId: string; version: number; decision: 'approved' | 'rejected'; reason: string | null },
): Promise<DecisionResult> {
  return staffAction(store, caller, {
    contractId: input.contractId,
    verb: input.decision,
    staffOnlyMessage: `${staffOnlyMessage('approvare o rifiutare i contratti')} La richiesta è stata registrata.`,
    missingReasonMessage:
      input.decision === 'rejected' ? 'Per rifiutare un contratto occorre indicarne il motivo.' : null,
    reason: input.reason,
    fromState: 'draft',
    act: (actor, reason) =>
      store.decide({
        contractId: input.contractId,
        expectedVersion: input.version,
        decision: input.decision,
        actor,
        reason,
      }),
  });
}

/** Sees a contract's card (staff only; every other attempt is audited and answered without it). */
export async function viewContractCard(
  store: ContractDecisionStore,
  caller: Caller | null,
  contractId: string,
): Promise<DecisionResult> {
  if (!isStaff(caller)) return refuseNonStaff(store, caller, contractId, 'viewed', staffOnlyCardMessage);
  const card = await store.cardData(contractId);
  return card ? { outcome: 'stale', card } : { outcome: 'not_found' };
}

/** Someone who is not staff tried to act on a contract: the attempt is audited, with no card in the answer. */
async function refuseNonStaff(
  store: ContractDecisionStore,
  caller: Caller | null,
  contractId: string,
  verb: string,
  message: string,
): Promise<DecisionResult> {
  await store.auditRefusal(
    contractId.slice(0, 64),
    {
      teamsUserId: caller?.teamsUserId ?? 'sconosciuto',
      displayName: caller?.displayName ?? 'sconosciuto',
      role: caller?.role ?? 'unknown',
    },
    verb,
  );
  return { outcome: 'forbidden', code: 'not_staff', card: null, message };
}
