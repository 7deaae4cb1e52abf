import { renderBlocks, type EmailContent } from './email-content.js';

/**
 * A reminder or notice from the office by e-mail, for those not reachable in Teams. Marked as
 * automatic (RFC 3834) so that their auto-replies do not answer it.
 */
export function noticeEmail(input: {
  readonly to: string;
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly messageId: string;
  readonly signature: readonly string[];
  readonly attachments?: EmailContent['attachments'];
}): EmailContent {
  return {
    to: input.to,
    subject: input.subject,
    ...renderBlocks([...input.paragraphs, ['Cordiali saluti', ...input.signature].join('\n')]),
    messageId: input.messageId,
    inReplyTo: null,
    references: [],
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...(input.attachments ? { attachments: input.attachments } : {}),
  };
}
