import { protocolNumber } from '../../domain/requests/protocol-number.js';
import type { IntakeDecision } from '../../services/intake/intake-store.js';
import type { OutboxMessage } from '../../services/outbox/outbox-message.js';

/** An acknowledged SAD activation of Crema numbered `number` of the year received, as the intake decides it. */
export function acknowledged(
  receivedOn: string,
  number: number,
  messages: readonly OutboxMessage[] = [],
): IntakeDecision {
  return {
    state: 'processed',
    kind: 'activation',
    request: {
      protocol: protocolNumber(Number(receivedOn.slice(0, 4)), number),
      kind: 'activation',
      service: 'SAD',
      status: 'acknowledged',
      receivedAt: new Date(`${receivedOn}T08:15:00Z`),
      receivedOn,
      senderAddress: 'servizi.sociali@comune.crema.cr.it',
      authenticatedSender: 'servizi.sociali@comune.crema.cr.it',
      senderMunicipalityId: '019035',
      threadMessageId: '<x@comune.example>',
      subject: 'Richiesta di attivazione SAD',
      fields: {},
      problems: [],
      municipalityId: '019035',
    },
    messages,
  };
}
