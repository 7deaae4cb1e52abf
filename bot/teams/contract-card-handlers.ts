import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import type { TurnContext } from 'botbuilder';
import type { DecisionResult } from '../../services/contracts/contract-decisions.js';
import { approvalCard, textCard } from '../cards/approval-card.js';
import type { AdaptiveCard } from '../cards/card-elements.js';
import type { Identify } from './question-handlers.js';
import type { SportelloBotDependencies } from './bot-dependencies.js';

/**
 * The buttons of the contract card (Action.Execute invokes): approve, reject, returned signed,
 * refused, and the refresh that keeps the card current. Each answers with the card to show.
 */
export function handleContractCards(
  app: Application<TurnState>,
  deps: SportelloBotDependencies,
  identify: Identify,
): void {
  const decide =
    (decision: 'approved' | 'rejected') =>
    async (
      context: TurnContext,
      _state: TurnState,
      data: { contractId?: string; version?: number; reason?: string },
    ) => {
      const caller = await identify(context);
      const result = await deps.contracts.decide(caller, {
        contractId: String(data.contractId ?? ''),
        version: Number(data.version ?? -1),
        decision,
        reason: data.reason ?? null,
      });
      return decisionCard(result);
    };

  async function decisionCard(result: DecisionResult): Promise<AdaptiveCard> {
    if (result.outcome === 'not_found') return textCard(['Il contratto non è più disponibile.']);
    const data = result.card;
    // A refusal to someone who is not staff comes without a card: it shows nothing of the contract.
    if (!data)
      return textCard([result.outcome === 'forbidden' ? result.message : 'Contratto non disponibile.']);
    const card = approvalCard(data, await deps.conversations.staffTeamsIds());
    return result.outcome === 'forbidden' ? withNotice(card, result.message) : card;
  }

  const recordReturn =
    (outcome: 'returned' | 'refused') =>
    async (context: TurnContext, _state: TurnState, data: { contractId?: string; reason?: string }) => {
      const result = await deps.contracts.recordReturn(await identify(context), {
        contractId: String(data.contractId ?? ''),
        outcome,
        reason: data.reason ?? null,
      });
      return decisionCard(result);
    };
  app.adaptiveCards.actionExecute('markContractReturned', recordReturn('returned'));
  app.adaptiveCards.actionExecute('markContractRefused', recordReturn('refused'));
  app.adaptiveCards.actionExecute('approveContract', decide('approved'));
  app.adaptiveCards.actionExecute('rejectContract', decide('rejected'));
  app.adaptiveCards.actionExecute<{ contractId?: string }>('refreshContract', async (context, _state, data) =>
    decisionCard(await deps.contracts.view(await identify(context), String(data.contractId ?? ''))),
  );
}

function withNotice(card: AdaptiveCard, message: string): AdaptiveCard {
  const body = Array.isArray(card.body) ? card.body : [];
  return {
    ...card,
    body: [{ type: 'TextBlock', text: message, wrap: true, color: 'Attention', weight: 'Bolder' }, ...body],
  };
}
