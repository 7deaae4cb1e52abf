import { renderBlocks, type EmailContent } from './email-content.js';

/**
 * A reminder or notice from the office by e-mail, in the thread of an earlier message when
 * `inReplyTo` is given. Marked as automatic (RFC 3834) so that auto-replies do not answer it.
 */
export function noticeEmail(input: {
  readonly to: string;
  readonly subject: string;
  /** Paragraphs, and lists as arrays of items. */
  readonly paragraphs: readonly (string | readonly string[])[];
  readonly messageId: string;
  /** Message-ID of the message it follows up, when known. */
  readonly inReplyTo?: string | null;
  readonly signature: readonly string[];
  readonly attachments?: EmailContent['attachments'];
}): EmailContent {
  return {
    to: input.to,
    subject: input.subject,
    ...renderBlocks([...input.paragraphs, ['Cordiali saluti', ...input.signature].join('\n')]),
    messageId: input.messageId,
    inReplyTo: input.inReplyTo ?? null,
    references: input.inReplyTo ? [input.inReplyTo] : [],
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...(input.attachments ? { attachments: input.attachments } : {}),
  };
}
