import {
  contractOverdueProviderReminder,
  contractOverdueStaffAlert,
} from '../../domain/contracts/contract-notices.js';
import { emailMessage, staffRecipient, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';
import { contractOverdueReminder } from './contract-emails.js';
import type { ContractDispatchStore } from './contract-dispatch.js';

/** What a due reminder did: its outcome for the ledger and the messages it queues. */
export interface ReminderResult {
  readonly state: 'sent' | 'skipped';
  readonly outcome: string;
  readonly outbox: readonly OutboxMessage[];
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
    const outbox = [
      emailMessage(`contract-overdue:${contract.id}`, email),
      teamsText(
        `contract-overdue-staff:${contract.id}`,
        staffRecipient,
        contractOverdueStaffAlert(contract.reference, contract.dueBackOn),
      ),
    ];
    if (contract.provider.inTeams) {
      outbox.push(
        teamsText(
          `contract-overdue-teams:${contract.id}`,
          { kind: 'provider', id: contract.provider.id },
          contractOverdueProviderReminder(contract.reference, contract.dueBackOn),
        ),
      );
    }
    return { state: 'sent', outcome: `sollecito inviato all'ente e avviso allo staff`, outbox };
  }
}
