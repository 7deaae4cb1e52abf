import {
  staffRecipient,
  teamsMessage,
  type OutboxMessage,
  type TeamsPayload,
} from '../outbox/outbox-message.js';
import type { IntakeDecision } from './intake-store.js';
import type { ReadMessage } from './message-reader.js';

/** A message handed to staff in «Da verificare», never answered automatically. */
export function forwarded(
  inboundId: string,
  read: ReadMessage,
  reason: string,
  note?: string,
): IntakeDecision {
  const { mail } = read.parsed;
  return {
    state: 'forwarded',
    kind: read.result.kind,
    messages: [
      staffNotice(inboundId, {
        type: 'message_for_staff',
        inboundId,
        reason,
        from: mail.from,
        subject: mail.subject,
        ...(note ? { note } : {}),
      }),
    ],
  };
}

export function staffNotice(inboundId: string, payload: TeamsPayload): OutboxMessage {
  return teamsMessage(`${payload.type}:${inboundId}`, staffRecipient, payload);
}
