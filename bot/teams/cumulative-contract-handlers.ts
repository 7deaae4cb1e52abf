import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { textCard } from '../cards/approval-card.js';
import { cumulativeContractCard } from '../cards/cumulative-contract-card.js';
import type { CumulativeContractStep } from '../../services/forecasts/cumulative-contract-steps.js';
import type { Identify } from './question-handlers.js';
import type { SportelloBotDependencies } from './bot-dependencies.js';

const steps: readonly CumulativeContractStep[] = ['sent', 'returned', 'phase_d'];

/** The buttons of a cumulative contract's card (staff only), answered with the card to show. */
export function handleCumulativeContractCards(
  app: Application<TurnState>,
  deps: SportelloBotDependencies,
  identify: Identify,
): void {
  app.adaptiveCards.actionExecute<{ id?: string; version?: number; step?: string }>(
    'cumulativeContractStep',
    async (context, _state, data) => {
      const step = steps.find((candidate) => candidate === data.step);
      if (!step) return textCard(['Azione non riconosciuta.']);
      const result = await deps.cumulativeContracts.record(await identify(context), {
        id: String(data.id ?? ''),
        version: Number(data.version ?? -1),
        step,
      });
      if (result.outcome === 'recorded') return cumulativeContractCard(result.contract);
      return result.contract
        ? cumulativeContractCard(result.contract, result.message)
        : textCard([result.message]);
    },
  );
}
