import type { ProviderName } from './provider-names.js';
import type { ContinuingProject } from '../../domain/forecasts/cumulative-contracts.js';
import type { ContractReplyContext } from '../contracts/contract-reply-messages.js';
import type { Counterpart } from './counterpart-directory.js';
import type { ProjectToChange, RunningProject } from './intake-store.js';
import type { ReadMessage } from './message-reader.js';
import type { NoticeOffice } from './procedure-notice.js';
import type { SenderAuthentication } from './sender-authentication.js';

// What the intake's decision reads, shared by the decision and its helpers (one file each outcome).

/** How the office signs its replies and numbers their Message-IDs. */
export interface ReplyOptions {
  readonly signature: readonly string[];
  /** Domain of our own Message-IDs. */
  readonly messageIdDomain: string;
  /** The office as the start-of-procedure notice presents it (defaults when absent). */
  readonly notice?: NoticeOffice;
}

/** Who wrote, as far as can be known: never what the message says about itself. */
export interface SenderFacts {
  /** The authenticated sender: From, or the certified sender of a verified PEC. */
  readonly address: string | null;
  /** Whom the registry says the sender is. */
  readonly counterpart: Counterpart | null;
  /** Reply-To, only when it is a registered address of the sender's own Comune. */
  readonly registeredReplyTo: string | null;
  readonly authentication: SenderAuthentication;
}

/** What is known about a message once it is read, before anything is written. */
export interface IntakeFacts {
  readonly inboundId: string;
  readonly read: ReadMessage;
  readonly sender: SenderFacts;
  /** Another message came before under the same Message-ID. */
  readonly reusedMessageId: boolean;
  /** The contract whose e-mail this message answers, if it is in a contract's thread. */
  readonly contract: ContractReplyContext | null;
  /** For a valid variation or cessation: the running project it is about (null: none found). */
  readonly project?: ProjectToChange | null;
  /** For an activation: a running project of the same beneficiary and service over its period. */
  readonly duplicateOf?: RunningProject | null;
  /** For a spending forecast: the running projects of the beneficiaries it lists. */
  readonly continuing?: readonly ContinuingProject[];
  /** For a form that names a provider (or a unit run by one): the register's providers. */
  readonly providers?: readonly ProviderName[];
  readonly now: Date;
  /** Ids for the records a decision creates (a forecast, its cumulative contracts): the decision stays pure. */
  readonly newId: () => string;
}
