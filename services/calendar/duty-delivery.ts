import type { DutyMessage } from '../../domain/schedule/duty-messages.js';
import { emailMessage, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';
import type { EmailContent } from '../outbox/email-content.js';
import { noticeEmail } from '../outbox/notice-email.js';

/** Someone a reminder goes to: a provider or a Comune, in Teams when it is there, else by e-mail. */
export interface DutyRecipient {
  readonly kind: 'provider' | 'municipality' | 'staff';
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly inTeams: boolean;
}

/** How the office signs and identifies its messages. */
export interface OfficeIdentity {
  readonly messageIdDomain: string;
  readonly signature: readonly string[];
}

/** The outbox message that carries `message` to `recipient` (null when it has no channel at all). */
export function deliveryOf(
  recipient: DutyRecipient,
  idempotencyKey: string,
  message: DutyMessage,
  office: OfficeIdentity,
  attachments?: EmailContent['attachments'],
): OutboxMessage | null {
  if (recipient.kind === 'staff' || (recipient.inTeams && !attachments)) {
    return teamsText(
      `${idempotencyKey}:teams`,
      recipient.kind === 'staff' ? { kind: 'staff' } : { kind: recipient.kind, id: recipient.id },
      [message.subject, ...message.paragraphs].join('\n\n'),
    );
  }
  if (!recipient.email) return null;
  const email = noticeEmail({
    to: recipient.email,
    subject: message.subject,
    paragraphs: message.paragraphs,
    messageId: `<${idempotencyKey.replace(/[^A-Za-z0-9.-]+/g, '.')}@${office.messageIdDomain}>`,
    signature: office.signature,
    ...(attachments ? { attachments } : {}),
  });
  return emailMessage(`${idempotencyKey}:email`, email);
}
