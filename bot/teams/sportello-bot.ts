import { AppError } from '../../domain/app-error.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { ActivityTypes, CardFactory, MessageFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { approvalCard, choiceCard, textCard, type AdaptiveCard } from '../cards/approval-card.js';
import type { ContractCardActions } from '../../services/contracts/contract-card-actions.js';
import type { DecisionResult } from '../../services/contracts/contract-decisions.js';
import type { ConversationBook } from '../../services/outbox/conversation-book.js';
import {
  scopeOf,
  unknownCallerMessage,
  type Caller,
  type CallerDirectory,
} from '../../services/access/caller.js';
import { answerBudget, type BudgetLookup } from '../../services/budgets/budget-answer.js';
import { answerDeadlines, type ContractDeadlineLookup } from '../../services/budgets/deadlines-answer.js';
import { helpText } from '../questions/help-text.js';
import { parseQuestion } from '../questions/parse-question.js';
import { answerProjects, type ProjectList } from '../../services/budgets/projects-answer.js';
import {
  answerRequestStatus,
  type RequestStatusLookup,
} from '../../services/budgets/request-status-answer.js';

/** What the bot needs, each through the small interface its use case owns. */
export interface SportelloBotDependencies {
  readonly directory: CallerDirectory;
  readonly conversations: ConversationBook;
  readonly budget: BudgetLookup;
  readonly projects: ProjectList;
  readonly requests: RequestStatusLookup;
  readonly deadlines: ContractDeadlineLookup;
  /** What staff do on a contract's card: the use case behind every button. */
  readonly contracts: ContractCardActions;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/** The Teams application (teams-ai on botbuilder's CloudAdapter): questions, cards, installation. */
export function createSportelloBot(
  adapter: TeamsAdapter,
  deps: SportelloBotDependencies,
  botAppId: string | undefined,
) {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });

  async function identify(context: TurnContext): Promise<Caller | null> {
    const from = context.activity.from;
    let caller = await deps.directory.findCaller({
      aadObjectId: from?.aadObjectId ?? null,
      userPrincipalName: null,
    });
    if (!caller && from?.id) {
      // Fall back on the user principal name / e-mail Teams knows for the user.
      const member = await TeamsInfo.getMember(context, from.id).catch(() => null);
      const principal = member?.userPrincipalName ?? member?.email ?? null;
      if (principal)
        caller = await deps.directory.findCaller({ aadObjectId: null, userPrincipalName: principal });
    }
    const scope = context.activity.conversation?.conversationType ?? 'personal';
    await deps.conversations.remember(
      TurnContext.getConversationReference(context.activity),
      caller?.teamsUserId ?? null,
      scope,
    );
    return caller;
  }

  app.conversationUpdate('membersAdded', async (context) => {
    const caller = await identify(context);
    const botId = context.activity.recipient?.id;
    const userJoined = context.activity.membersAdded?.some((member) => member.id !== botId);
    const botJoined = context.activity.membersAdded?.some((member) => member.id === botId);
    if (botJoined || userJoined) await context.sendActivity(caller ? helpText(caller) : unknownCallerMessage);
    if (caller?.role === 'staff') await sendPendingCards(context, false);
  });

  /** The approval cards of the drafts still waiting (their documents written first). */
  async function sendPendingCards(context: TurnContext, sayWhenNone: boolean): Promise<void> {
    const pending = await deps.contracts.pendingCards(10);
    if (pending.length === 0) {
      if (sayWhenNone) await context.sendActivity('Non ci sono contratti in attesa di approvazione.');
      return;
    }
    await context.sendActivity(
      `Contratti in attesa di approvazione: ${pending.length}${pending.length === 10 ? ' (i primi 10)' : ''}.`,
    );
    const staffIds = await deps.conversations.staffTeamsIds();
    for (const data of pending) {
      await context.sendActivity(
        MessageFactory.attachment(CardFactory.adaptiveCard(approvalCard(data, staffIds))),
      );
    }
  }

  app.activity(ActivityTypes.Message, async (context) => {
    const caller = await identify(context);
    if (!caller) {
      await context.sendActivity(unknownCallerMessage);
      return;
    }
    const text = (context.activity.text ?? '').trim();
    const scope = scopeOf(caller);
    const question = parseQuestion(text);
    deps.logger.debug({ intent: question.intent, role: caller.role }, 'question');
    switch (question.intent) {
      case 'help':
      case 'unknown':
        await context.sendActivity(
          question.intent === 'unknown'
            ? `Non ho capito la domanda.\n\n${helpText(caller)}`
            : helpText(caller),
        );
        return;
      case 'budget': {
        const answer = await answerBudget(deps.budget, scope, question.target);
        await context.sendActivity(
          answer.kind === 'text'
            ? answer.text
            : MessageFactory.attachment(CardFactory.adaptiveCard(choiceCard(answer.prompt, answer.options))),
        );
        return;
      }
      case 'my_projects':
        await context.sendActivity(await answerProjects(deps.projects, scope));
        return;
      case 'deadlines':
        await context.sendActivity(
          await answerDeadlines(deps.deadlines, caller, scope, romeDateOf(deps.clock()), question.days),
        );
        return;
      case 'request_status':
        await context.sendActivity(await answerRequestStatus(deps.requests, scope, question.protocol));
        return;
      case 'pending_contracts':
        if (caller.role !== 'staff') {
          await context.sendActivity(
            "I contratti sono approvati dall'Ufficio Amministrazione: per lo stato di una pratica chieda «stato della richiesta» seguito dal protocollo.",
          );
          return;
        }
        await sendPendingCards(context, true);
        return;
    }
  });

  app.adaptiveCards.actionExecute<{ projectId?: string }>('budgetChoice', async (context, _state, data) => {
    const caller = await identify(context);
    if (!caller || !data.projectId) return textCard([unknownCallerMessage]);
    const answer = await answerBudget(deps.budget, scopeOf(caller), {
      by: 'project',
      projectId: data.projectId,
    });
    return textCard(
      answer.kind === 'text'
        ? answer.text.split('\n\n').map((line) => line.replace(/\*\*/g, ''))
        : [answer.prompt],
    );
  });

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
  app.adaptiveCards.actionExecute<{ contractId?: string }>(
    'refreshContract',
    async (_context, _state, data) => {
      const card = await deps.contracts.card(String(data.contractId ?? ''));
      return card
        ? approvalCard(card, await deps.conversations.staffTeamsIds())
        : textCard(['Il contratto non è più disponibile.']);
    },
  );

  app.error(async (context, error) => {
    deps.logger.error({ err: error }, 'bot turn failed');
    await context.sendActivity(
      error instanceof AppError
        ? `${error.userMessage} Il personale tecnico è stato avvisato.`
        : 'Si è verificato un errore imprevisto: il personale tecnico è stato avvisato. Riprovi tra qualche minuto.',
    );
  });
  return app;
}

function withNotice(card: AdaptiveCard, message: string): AdaptiveCard {
  const body = Array.isArray(card.body) ? card.body : [];
  return {
    ...card,
    body: [{ type: 'TextBlock', text: message, wrap: true, color: 'Attention', weight: 'Bolder' }, ...body],
  };
}
