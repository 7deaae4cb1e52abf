import { isStaff } from '../../services/access/refusal.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { TeamsInfo, TurnContext } from 'botbuilder';
import { AppError } from '../../domain/app-error.js';
import { unknownCallerMessage, type Caller } from '../../services/access/caller.js';
import { helpText } from '../questions/help-text.js';
import { handleContractCards } from './contract-card-handlers.js';
import { handleProjectChangeCards } from './project-change-handlers.js';
import { handleCumulativeContractCards } from './cumulative-contract-handlers.js';
import { plainText } from './plain-text.js';
import type { SportelloBotDependencies } from './bot-dependencies.js';
import { handleQuestions, sendPendingCards } from './question-handlers.js';

/** The Teams application (teams-ai on botbuilder's CloudAdapter): questions, cards, installation. */
export function createSportelloBot(
  adapter: TeamsAdapter,
  deps: SportelloBotDependencies,
  options: {
    readonly botAppId: string | undefined;
    /**
     * Whether a caller not found by Azure AD id may be looked up through Teams (TeamsInfo.getMember).
     * Only in production, where the token vouches for the serviceUrl asked: in development mode that
     * would ask the caller's own server who the caller is.
     */
    readonly askTeamsForIdentity: boolean;
  },
) {
  const { botAppId } = options;
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
    if (!caller && from?.id && options.askTeamsForIdentity) {
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
    if (botJoined || userJoined)
      await context.sendActivity(plainText(caller ? helpText(caller) : unknownCallerMessage));
    if (isStaff(caller)) await sendPendingCards(deps, context, false);
  });

  handleQuestions(app, deps, identify);
  handleContractCards(app, deps, identify);
  handleProjectChangeCards(app, deps, identify);
  handleCumulativeContractCards(app, deps, identify);

  app.error(async (context, error) => {
    deps.logger.error({ err: error }, 'bot turn failed');
    await context.sendActivity(
      plainText(
        error instanceof AppError
          ? `${error.userMessage} Il personale tecnico è stato avvisato.`
          : 'Si è verificato un errore imprevisto: il personale tecnico è stato avvisato. Riprovi tra qualche minuto.',
      ),
    );
  });
  return app;
}
