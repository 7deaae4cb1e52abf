import type { ForwardReason, ForwardRecord } from './forward-reasons.js';
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
  reason: ForwardReason,
  note?: string,
  kind: string = read.result.kind,
): IntakeDecision {
  const forward = forwardRecord(read, reason, note);
  return { state: 'forwarded', kind, forward, messages: [forwardNotice(inboundId, forward)] };
}

/** What is recorded on a message handed to staff. */
export function forwardRecord(read: ReadMessage, reason: ForwardReason, note?: string | null): ForwardRecord {
  const { mail } = read.parsed;
  return { reason, note: note ?? null, from: mail.from, subject: mail.subject };
}

/** The Teams notice to staff of a message handed to them. */
export function forwardNotice(inboundId: string, forward: ForwardRecord): OutboxMessage {
  return staffNotice(inboundId, {
    type: 'message_for_staff',
    inboundId,
    reason: forward.reason,
    from: forward.from,
    subject: forward.subject,
    ...(forward.note ? { note: forward.note } : {}),
  });
}

export function staffNotice(inboundId: string, payload: TeamsPayload): OutboxMessage {
  return teamsMessage(`${payload.type}:${inboundId}`, staffRecipient, payload);
}
