import type { ConversationReference } from 'botbuilder';

/** Where conversation references are kept for proactive messages. */
export interface ConversationBook {
  /** Stores (or refreshes) the reference of a conversation, linked to the Teams user when known. */
  remember(
    reference: Partial<ConversationReference>,
    teamsUserId: string | null,
    scope: string,
  ): Promise<void>;
  /** References to reach a recipient: `staff`, `user:<id>`, `provider:<id>`, `municipality:<istat>`. */
  referencesFor(recipient: string): Promise<Partial<ConversationReference>[]>;
  /** Teams ids (29:…) of staff members, for the auto-refresh of approval cards. */
  staffTeamsIds(): Promise<string[]>;
}
