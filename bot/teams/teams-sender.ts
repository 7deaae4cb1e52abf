import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { CardFactory, MessageFactory, type Activity, type ConversationReference } from 'botbuilder';
import { AppError } from '../../domain/app-error.js';
import {
  deliveryThrottled,
  type ChannelMessage,
  type ChannelSender,
} from '../../services/outbox/channel-sender.js';
import { recipientKey } from '../../services/outbox/outbox-message.js';
import { approvalCard } from '../cards/approval-card.js';
import type { AdaptiveCard } from '../cards/card-elements.js';
import { plainText } from './plain-text.js';
import { projectChangeCard } from '../cards/project-change-card.js';
import { cumulativeContractCard } from '../cards/cumulative-contract-card.js';
import type { CumulativeContractStore } from '../../services/forecasts/cumulative-contract-steps.js';
import type { ContractDecisionStore } from '../../services/contracts/contract-decisions.js';
import type { ConversationBook } from '../../services/outbox/conversation-book.js';

/** Finds the draft contract of an accepted request (its document is written by the contracts service). */
export interface ContractLookup {
  contractForProtocol(protocol: string): Promise<string | null>;
}

/** Without a Retry-After header, how long to leave Teams alone after a 429. */
const defaultThrottlePauseMs = 2_000;

/**
 * Delivers the outbox's Teams messages proactively: the approval card of an accepted request to
 * staff, notices, reminders and alerts to the people they concern, through the conversation
 * references stored when they talked to the bot.
 */
export class TeamsSender implements ChannelSender<'teams'> {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationBook,
    private readonly contracts: ContractDecisionStore,
    private readonly drafts: ContractLookup,
    private readonly cumulative: Pick<CumulativeContractStore, 'cumulativeContract'>,
  ) {}

  async send(message: ChannelMessage<'teams'>): Promise<void> {
    const references = await this.conversations.referencesFor(message.recipient);
    if (references.length === 0) {
      const who = recipientKey(message.recipient);
      throw new AppError('recipient_unreachable', `nessuna conversazione Teams per ${who}`);
    }
    const activity = await this.activityFor(message);
    if (!activity) return;
    for (const reference of references) await this.deliver(reference, activity);
  }

  private async activityFor(message: ChannelMessage<'teams'>): Promise<Partial<Activity> | null> {
    const payload = message.payload;
    switch (payload.type) {
      case 'request_accepted': {
        const contractId = await this.drafts.contractForProtocol(payload.protocol);
        if (!contractId) return null; // a variation or cessation: nothing to approve
        const data = await this.contracts.cardData(contractId);
        if (!data) return null;
        return cardActivity(approvalCard(data, await this.conversations.staffTeamsIds()));
      }
      case 'text':
        return plainText(payload.text);
      case 'project_changed':
        return cardActivity(projectChangeCard(payload));
      case 'cumulative_contract': {
        const contract = await this.cumulative.cumulativeContract(payload.id);
        return contract ? cardActivity(cumulativeContractCard(contract)) : null;
      }
      case 'message_for_staff':
        return plainText(
          `📩 Nuovo messaggio da verificare nella cartella «Da verificare» della casella dell'ufficio: da ${payload.from ?? 'mittente sconosciuto'}, oggetto «${payload.subject ?? ''}».${payload.note ? ` ${payload.note}` : ''}`,
        );
      case 'message_quarantined':
        return plainText(
          `⚠️ Un messaggio è stato messo in quarantena (cartella «Quarantena»): ${payload.reason}.`,
        );
      case 'reply_withheld':
        return plainText(
          payload.reason === 'rate_limit'
            ? `⚠️ Risposte automatiche sospese per un'ora${payload.sender ? ` verso ${payload.sender}` : ''}: il mittente o il suo Comune ha superato il numero massimo di risposte orarie (prima pratica senza risposta: ${payload.protocol}). Le pratiche sono registrate; rispondere manualmente.`
            : `⚠️ La pratica ${payload.protocol} non ha un indirizzo a cui rispondere: contattare il Comune manualmente.`,
        );
    }
  }

  private async deliver(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<void> {
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.sendActivity(activity);
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 429) {
        const retryAfter = Number(
          (
            error as { response?: { headers?: { get?(name: string): string | null } } }
          ).response?.headers?.get?.('retry-after'),
        );
        throw deliveryThrottled(
          'teams',
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : defaultThrottlePauseMs,
        );
      }
      throw error;
    }
  }
}

function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
