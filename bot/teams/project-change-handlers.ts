import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { textCard } from '../cards/approval-card.js';
import { projectChangeCard } from '../cards/project-change-card.js';
import type { RecordedProjectChange } from '../../services/projects/cancel-project-change.js';
import type { Identify } from './question-handlers.js';
import type { SportelloBotDependencies } from './bot-dependencies.js';

/** The button of a variation's or cessation's card: cancel it (staff only), answered with the card to show. */
export function handleProjectChangeCards(
  app: Application<TurnState>,
  deps: SportelloBotDependencies,
  identify: Identify,
): void {
  app.adaptiveCards.actionExecute<{ protocol?: string; reason?: string }>(
    'cancelProjectChange',
    async (context, _state, data) => {
      const result = await deps.projectChanges.cancel(await identify(context), {
        protocol: String(data.protocol ?? ''),
        reason: String(data.reason ?? ''),
      });
      const card = (change: RecordedProjectChange) => ({
        ...change,
        provider: change.provider?.name ?? null,
      });
      if (result.outcome === 'cancelled') return projectChangeCard(card(result.change));
      return result.change
        ? projectChangeCard(card(result.change), result.message)
        : textCard([result.message]);
    },
  );
}
