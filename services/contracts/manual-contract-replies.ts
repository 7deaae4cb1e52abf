import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { phaseDAfterReturn } from './phase-d.js';
import type { ContractReturnRecorder } from './contract-returns.js';
import type { ContractReplyRecord } from '../intake/intake-store.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { contractReplyMessages, type ContractReplyContext } from './contract-reply-messages.js';

/** What recording an answer by hand needs from the database. */
export interface ManualReplyStore {
  replyContext(contractId: string, now: Date): Promise<ContractReplyContext | null>;
  /** Records the answer and queues its messages in one transaction; false when it was not waiting. */
  recordReply(record: ContractReplyRecord, outbox: readonly OutboxMessage[]): Promise<boolean>;
}

/**
 * A provider's answer that reached the office outside the contract's e-mail thread (PEC, by
 * hand), recorded by staff from the card with the same consequences as an answer by e-mail.
 */
export class ManualContractReplies implements ContractReturnRecorder {
  constructor(
    private readonly store: ManualReplyStore,
    private readonly options: { messageIdDomain: string; signature: readonly string[] },
    private readonly clock: () => Date,
  ) {}

  async record(input: Parameters<ContractReturnRecorder['record']>[0]): Promise<boolean> {
    const now = this.clock();
    const context = await this.store.replyContext(input.contractId, now);
    if (!context || context.state !== 'sent') return false;
    const outbox = contractReplyMessages(
      context,
      input.outcome === 'returned'
        ? { outcome: 'returned', via: `registrato da ${input.actor.displayName}` }
        : { outcome: 'refused', reason: input.reason ?? '' },
      this.options,
    );
    return this.store.recordReply(
      {
        contractId: input.contractId,
        outcome: input.outcome,
        actor: `teams:${input.actor.teamsUserId} (${input.actor.displayName})`,
        document: null,
        reason: input.reason,
        at: now,
        phaseD:
          input.outcome === 'returned'
            ? phaseDAfterReturn(
                {
                  contractId: input.contractId,
                  protocol: context.reference.protocol,
                  service: context.service,
                },
                romeDateOf(now),
              )
            : null,
        operatorName: null,
      },
      outbox,
    );
  }
}
