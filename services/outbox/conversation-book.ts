import type { ConversationReference } from 'botbuilder';
import type { TeamsRecipient } from './outbox-message.js';

/** Where conversation references are kept for proactive messages. */
export interface ConversationBook {
  /** Stores (or refreshes) the reference of a conversation, linked to the Teams user when known. */
  remember(
    reference: Partial<ConversationReference>,
    teamsUserId: string | null,
    scope: string,
  ): Promise<void>;
  /** References to reach a recipient: the staff channel (or each staff member), a user, a provider's or a Comune's users. */
  referencesFor(recipient: TeamsRecipient): Promise<Partial<ConversationReference>[]>;
  /** Teams ids (29:…) of staff members, for the auto-refresh of approval cards. */
  staffTeamsIds(): Promise<string[]>;
}
