import { isStaff } from '../../services/access/refusal.js';
import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import { recordOfficeProtocol } from '../../services/requests/record-office-protocol.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { scopeOf, unknownCallerMessage, type Caller } from '../../services/access/caller.js';
import { viewerOf } from '../../services/access/read-log.js';
import { answerBudget } from '../../services/budgets/budget-answer.js';
import { answerDeadlines } from '../../services/budgets/deadlines-answer.js';
import { answerProjects } from '../../services/budgets/projects-answer.js';
import { answerRequestStatus } from '../../services/budgets/request-status-answer.js';
import { approvalCard, choiceCard, textCard } from '../cards/approval-card.js';
import { helpText } from '../questions/help-text.js';
import { parseQuestion, type Question } from '../questions/parse-question.js';
import { plainText } from './plain-text.js';
import type { SportelloBotDependencies } from './bot-dependencies.js';

/** Who is asking, as the bot finds out at every turn. */
export type Identify = (context: TurnContext) => Promise<Caller | null>;

/** The Italian questions: budgets, projects, deadlines, request status, contracts to approve, help. */
export function handleQuestions(
  app: Application<TurnState>,
  deps: SportelloBotDependencies,
  identify: Identify,
): void {
  app.activity(ActivityTypes.Message, async (context) => {
    const caller = await identify(context);
    if (!caller) {
      await context.sendActivity(plainText(unknownCallerMessage));
      return;
    }
    const text = (context.activity.text ?? '').trim();
    const question = parseQuestion(text);
    deps.logger.debug({ intent: question.intent, role: caller.role }, 'question');
    await answerQuestion(context, deps, caller, question);
  });

  app.adaptiveCards.actionExecute<{ projectId?: string }>('budgetChoice', async (context, _state, data) => {
    const caller = await identify(context);
    if (!caller || !data.projectId) return textCard([unknownCallerMessage]);
    const answer = await answerBudget(
      deps.budget,
      scopeOf(caller),
      { by: 'project', projectId: data.projectId },
      romeDateOf(deps.clock()),
      viewerOf(deps.reads, caller),
    );
    return textCard(answer.kind === 'text' ? answer.text.split('\n\n') : [answer.prompt]);
  });
}

/** One question answered in the caller's scope. */
async function answerQuestion(
  context: TurnContext,
  deps: SportelloBotDependencies,
  caller: Caller,
  question: Question,
): Promise<void> {
  const scope = scopeOf(caller);
  switch (question.intent) {
    case 'help':
    case 'unknown':
      await context.sendActivity(
        plainText(
          question.intent === 'unknown'
            ? `Non ho capito la domanda.\n\n${helpText(caller)}`
            : helpText(caller),
        ),
      );
      return;
    case 'budget': {
      const answer = await answerBudget(
        deps.budget,
        scope,
        question.target,
        romeDateOf(deps.clock()),
        viewerOf(deps.reads, caller),
      );
      await context.sendActivity(
        answer.kind === 'text'
          ? plainText(answer.text)
          : MessageFactory.attachment(CardFactory.adaptiveCard(choiceCard(answer.prompt, answer.options))),
      );
      return;
    }
    case 'my_projects':
      await context.sendActivity(
        plainText(
          await answerProjects(deps.projects, scope, romeDateOf(deps.clock()), viewerOf(deps.reads, caller)),
        ),
      );
      return;
    case 'deadlines':
      await context.sendActivity(
        plainText(
          await answerDeadlines(deps.deadlines, caller, scope, romeDateOf(deps.clock()), question.days),
        ),
      );
      return;
    case 'request_status':
      await context.sendActivity(
        plainText(
          await answerRequestStatus(deps.requests, scope, question.protocol, viewerOf(deps.reads, caller)),
        ),
      );
      return;
    case 'office_protocol':
      await context.sendActivity(
        plainText(
          await recordOfficeProtocol(deps.officeProtocol, caller, {
            protocol: question.protocol,
            officeProtocol: question.officeProtocol,
          }),
        ),
      );
      return;
    case 'pending_contracts':
      if (!isStaff(caller)) {
        await context.sendActivity(
          plainText(
            "I contratti sono approvati dall'Ufficio Amministrazione: per lo stato di una pratica chieda «stato della richiesta» seguito dal protocollo.",
          ),
        );
        return;
      }
      await sendPendingCards(deps, context, true);
      return;
  }
}

/** The approval cards of the drafts still waiting (their documents written first). */
export async function sendPendingCards(
  deps: SportelloBotDependencies,
  context: TurnContext,
  sayWhenNone: boolean,
): Promise<void> {
  const pending = await deps.contracts.pendingCards(10);
  if (pending.length === 0) {
    if (sayWhenNone)
      await context.sendActivity(plainText('Non ci sono contratti in attesa di approvazione.'));
    return;
  }
  await context.sendActivity(
    plainText(
      `Contratti in attesa di approvazione: ${pending.length}${pending.length === 10 ? ' (i primi 10)' : ''}.`,
    ),
  );
  const staffIds = await deps.conversations.staffTeamsIds();
  for (const data of pending) {
    await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(approvalCard(data, staffIds))),
    );
  }
}
