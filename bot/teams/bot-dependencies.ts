import type { ReadLog } from '../../services/access/read-log.js';
import type { Logger } from 'pino';
import type { CallerDirectory } from '../../services/access/caller.js';
import type { BudgetLookup } from '../../services/budgets/budget-answer.js';
import type { ContractDeadlineLookup } from '../../services/budgets/deadlines-answer.js';
import type { ProjectList } from '../../services/budgets/projects-answer.js';
import type { RequestStatusLookup } from '../../services/budgets/request-status-answer.js';
import type { ContractCardActions } from '../../services/contracts/contract-card-actions.js';
import type { CumulativeContractActions } from '../../services/forecasts/cumulative-contract-steps.js';
import type { ConversationBook } from '../../services/outbox/conversation-book.js';
import type { ProjectChangeActions } from '../../services/projects/cancel-project-change.js';
import type { OfficeProtocolStore } from '../../services/requests/record-office-protocol.js';

/** What the bot needs, each through the small interface its use case owns. */
export interface SportelloBotDependencies {
  readonly directory: CallerDirectory;
  readonly conversations: ConversationBook;
  readonly budget: BudgetLookup;
  readonly projects: ProjectList;
  readonly requests: RequestStatusLookup;
  readonly deadlines: ContractDeadlineLookup;
  /** Where each answer that names a beneficiary is recorded (the read log). */
  readonly reads: ReadLog;
  /** What staff do on a contract's card: the use case behind every button. */
  readonly contracts: ContractCardActions;
  /** Where staff record the office's protocol number of a request. */
  readonly officeProtocol: OfficeProtocolStore;
  /** Staff cancelling a variation or cessation applied by mistake, from its card. */
  readonly projectChanges: ProjectChangeActions;
  /** Staff marking the steps of a cumulative contract owed after a forecast. */
  readonly cumulativeContracts: CumulativeContractActions;
  readonly clock: () => Date;
  readonly logger: Logger;
}
