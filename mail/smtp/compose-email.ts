import { randomBytes } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import type { EmailContent } from '../../services/outbox/email-content.js';

/** Base64 in lines of 76 characters (RFC 2045 §6.8). */
function base64Lines(base64: string): string {
  return base64.replace(/.{76}/g, '$&\r\n');
}

/** One body part: nodemailer writes (and encodes) its headers, its content goes as base64. */
function bodyPart(root: MimeNode, contentType: string, base64: string, filename?: string): string {
  const node = new MimeNode(contentType, { rootNode: root, parentNode: root, filename });
  node.setHeader('Content-Transfer-Encoding', 'base64');
  return `${node.buildHeaders()}\r\n\r\n${base64Lines(base64)}`;
}

/** Parts under one boundary, as the body of a multipart. */
function multipart(boundary: string, parts: readonly string[]): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
}

/**
 * The e-mail as it goes on the wire (RFC 5322, MIME): text and HTML as alternatives, and the
 * attachments beside them. nodemailer's MimeNode encodes and folds every header (addresses with
 * names, subjects with accents, ids from outside); the bodies are base64, written here in one
 * piece. nodemailer's MailComposer builds the same message through a chain of streams, at
 * about three times the CPU per reply (measured: 0.50 against 0.19 ms), and a backlog's
 * thousand replies are built on the event loop.
 */
export function composeEmail(from: string, email: EmailContent, date = new Date()): Buffer {
  const alternative = `sportello-alt-${randomBytes(12).toString('hex')}`;
  const attachments = email.attachments ?? [];
  const mixed = attachments.length > 0 ? `sportello-mix-${randomBytes(12).toString('hex')}` : null;
  const root = new MimeNode(
    `multipart/${mixed ? 'mixed' : 'alternative'}; boundary="${mixed ?? alternative}"`,
  );
  root.setHeader({
    From: from,
    To: email.to,
    Subject: email.subject,
    'Message-ID': email.messageId,
    Date: date.toUTCString().replace('GMT', '+0000'),
    ...(email.inReplyTo ? { 'In-Reply-To': email.inReplyTo } : {}),
    ...(email.references.length > 0 ? { References: [...email.references] } : {}),
    ...email.headers,
  });
  const texts = multipart(alternative, [
    bodyPart(root, 'text/plain; charset=utf-8', Buffer.from(email.text, 'utf8').toString('base64')),
    bodyPart(root, 'text/html; charset=utf-8', Buffer.from(email.html, 'utf8').toString('base64')),
  ]);
  const body = mixed
    ? multipart(mixed, [
        `Content-Type: multipart/alternative; boundary="${alternative}"\r\n\r\n${texts}`,
        ...attachments.map((attachment) =>
          bodyPart(
            root,
            attachment.contentType,
            // Re-encoded, not copied: what the outbox holds need not be in canonical base64.
            Buffer.from(attachment.contentBase64, 'base64').toString('base64'),
            attachment.filename,
          ),
        ),
      ])
    : texts;
  return Buffer.from(`${root.buildHeaders()}\r\n\r\n${body}`, 'utf8');
}
