import {
  contractOverdueProviderReminder,
  contractOverdueStaffAlert,
} from '../../domain/contracts/contract-notices.js';
import type { OutboxDraft } from '../../mail/intake/intake-store.js';
import { contractOverdueReminder } from '../../mail/replies/contract-emails.js';
import type { ContractDispatchStore } from './contract-dispatch.js';

/** What a due reminder did: its outcome for the ledger and the messages it queues. */
export interface ReminderResult {
  readonly state: 'sent' | 'skipped';
  readonly outcome: string;
  readonly outbox: readonly OutboxDraft[];
}

/**
 * The morning after a contract was due back: if the signed copy has not come, the provider gets a
 * reminder in the contract's e-mail thread (and in Teams when it is there) and staff an alert.
 */
export class ContractOverdue {
  constructor(
    private readonly store: Pick<ContractDispatchStore, 'decidedContract'>,
    private readonly office: { messageIdDomain: string; signature: readonly string[] },
  ) {}

  async run(contractId: string): Promise<ReminderResult> {
    const contract = await this.store.decidedContract(contractId);
    if (!contract) return { state: 'skipped', outcome: 'contratto non trovato', outbox: [] };
    if (contract.state !== 'sent' || !contract.dueBackOn || !contract.provider) {
      return {
        state: 'skipped',
        outcome: `nessun sollecito: contratto nello stato «${contract.state}»`,
        outbox: [],
      };
    }
    const email = contractOverdueReminder(contract.facts, contract.dueBackOn, {
      to: contract.provider.email,
      messageId: `<sollecito.${contract.id}@${this.office.messageIdDomain}>`,
      inReplyTo: contract.outboundMessageId,
      signature: this.office.signature,
    });
    const outbox: OutboxDraft[] = [
      {
        idempotencyKey: `contract-overdue:${contract.id}`,
        channel: 'email',
        recipient: email.to,
        payload: { type: 'email', ...email },
      },
      {
        idempotencyKey: `contract-overdue-staff:${contract.id}`,
        channel: 'teams',
        recipient: 'staff',
        payload: { type: 'text', text: contractOverdueStaffAlert(contract.reference, contract.dueBackOn) },
      },
    ];
    if (contract.provider.inTeams) {
      outbox.push({
        idempotencyKey: `contract-overdue-teams:${contract.id}`,
        channel: 'teams',
        recipient: `provider:${contract.provider.id}`,
        payload: {
          type: 'text',
          text: contractOverdueProviderReminder(contract.reference, contract.dueBackOn),
        },
      });
    }
    return { state: 'sent', outcome: `sollecito inviato all'ente e avviso allo staff`, outbox };
  }
}
