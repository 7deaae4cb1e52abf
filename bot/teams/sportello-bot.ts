import { AppError } from '../../domain/app-error.js';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { approvalCard, choiceCard, textCard, type AdaptiveCard } from '../cards/approval-card.js';
import { decideContract, type ContractDecisionStore } from '../contracts/contract-decisions.js';
import type { ConversationBook } from '../conversations/conversation-book.js';
import { scopeOf, unknownCallerMessage, type Caller, type CallerDirectory } from '../identity/caller.js';
import { answerBudget, type BudgetLookup } from '../questions/budget-answer.js';
import { answerDeadlines, type ContractDeadlineLookup } from '../questions/deadlines-answer.js';
import { helpText } from '../questions/help-text.js';
import { parseQuestion } from '../questions/parse-question.js';
import { answerProjects, type ProjectList } from '../questions/projects-answer.js';
import { answerRequestStatus, type RequestStatusLookup } from '../questions/request-status-answer.js';

/** What the bot needs, each through the small interface its use case owns. */
export interface SportelloBotDependencies {
  readonly directory: CallerDirectory;
  readonly conversations: ConversationBook;
  readonly budget: BudgetLookup;
  readonly projects: ProjectList;
  readonly requests: RequestStatusLookup;
  readonly deadlines: ContractDeadlineLookup;
  readonly contracts: ContractDecisionStore;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Called after a contract decision is committed (the next step is already in the outbox). */
  readonly onDecided?: (contractId: string) => void;
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
  });

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
      const result = await decideContract(deps.contracts, caller, {
        contractId: String(data.contractId ?? ''),
        version: Number(data.version ?? -1),
        decision,
        reason: data.reason ?? null,
      });
      if (result.outcome === 'not_found') return textCard(['Il contratto non è più disponibile.']);
      if (result.outcome === 'decided') deps.onDecided?.(result.card.contractId);
      const card = approvalCard(result.card!, await deps.conversations.staffTeamsIds());
      return result.outcome === 'forbidden' ? withNotice(card, result.message) : card;
    };
  app.adaptiveCards.actionExecute('approveContract', decide('approved'));
  app.adaptiveCards.actionExecute('rejectContract', decide('rejected'));
  app.adaptiveCards.actionExecute<{ contractId?: string }>(
    'refreshContract',
    async (_context, _state, data) => {
      const card = await deps.contracts.cardData(String(data.contractId ?? ''));
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
