import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { CardFactory, MessageFactory, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import {
  RecipientUnreachableError,
  RetryLaterError,
  type ChannelSender,
  type OutboxItem,
} from '../../domain/outbox-delivery.js';
import { approvalCard, type AdaptiveCard } from '../cards/approval-card.js';
import type { ContractDecisionStore } from '../contracts/contract-decisions.js';
import type { ConversationBook } from '../conversations/conversation-book.js';

/** Finds the draft contract of an accepted request, rendering its document first if needed. */
export interface ContractDraftSource {
  contractForProtocol(protocol: string): Promise<string | null>;
}

/** Without a Retry-After header, how long to leave Teams alone after a 429. */
const defaultThrottlePauseMs = 2_000;

/** Teams' answer when we send too fast; the outbox pauses the channel and retries. */
export class TeamsThrottledError extends RetryLaterError {
  constructor(retryAfterMs: number | null) {
    const pause = retryAfterMs ?? defaultThrottlePauseMs;
    super(`Teams rate limit (429), retry after ${pause} ms`, pause);
  }
}

/**
 * Delivers the outbox's Teams messages proactively: the approval card of an accepted request to
 * staff, notices, reminders and alerts to the people they concern, through the conversation
 * references stored when they talked to the bot.
 */
export class TeamsSender implements ChannelSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationBook,
    private readonly contracts: ContractDecisionStore,
    private readonly drafts: ContractDraftSource,
    private readonly logger: Logger,
  ) {}

  async send(item: OutboxItem): Promise<void> {
    const references = await this.conversations.referencesFor(item.recipient);
    if (references.length === 0)
      throw new RecipientUnreachableError(`nessuna conversazione Teams per ${item.recipient}`);
    const activity = await this.activityFor(item);
    if (!activity) return;
    for (const reference of references) await this.deliver(reference, activity);
  }

  private async activityFor(item: OutboxItem): Promise<Partial<Activity> | null> {
    const payload = item.payload;
    switch (payload.type) {
      case 'request_accepted': {
        const contractId = await this.drafts.contractForProtocol(String(payload.protocol));
        if (!contractId) return null; // a variation or cessation: nothing to approve
        const data = await this.contracts.cardData(contractId);
        if (!data) return null;
        return cardActivity(approvalCard(data, await this.conversations.staffTeamsIds()));
      }
      case 'card':
        return cardActivity(payload.card as AdaptiveCard);
      case 'text':
        return MessageFactory.text(String(payload.text));
      case 'message_for_staff':
        return MessageFactory.text(
          `📩 Nuovo messaggio da verificare nella cartella «Da verificare» della casella dell'ufficio: da ${payload.from ?? 'mittente sconosciuto'}, oggetto «${payload.subject ?? ''}».${payload.note ? ` ${payload.note}` : ''}`,
        );
      case 'message_quarantined':
        return MessageFactory.text(
          `⚠️ Un messaggio è stato messo in quarantena (cartella «Quarantena»): ${payload.reason}.`,
        );
      case 'reply_withheld':
        return MessageFactory.text(
          payload.reason === 'rate_limit'
            ? `⚠️ La risposta automatica alla pratica ${payload.protocol} non è stata inviata: il mittente ha superato il numero massimo di risposte orarie. Rispondere manualmente.`
            : `⚠️ La pratica ${payload.protocol} non ha un indirizzo a cui rispondere: contattare il Comune manualmente.`,
        );
      default:
        this.logger.warn({ type: payload.type }, 'unknown Teams outbox message');
        return null;
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
        throw new TeamsThrottledError(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
        );
      }
      throw error;
    }
  }
}

function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
