import { simpleParser, type Attachment } from 'mailparser';
import type { MailLimits } from './mail-limits.js';
import type { MessageAttachment } from './parse-message.js';

/**
 * The files a message carries, as sent, without reading their text (for listing and download):
 * of a PEC envelope, those of the message inside it (postacert.eml); within the size limits.
 */
export async function messageFiles(raw: Uint8Array, limits: MailLimits): Promise<MessageAttachment[]> {
  try {
    const outer = await simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true });
    const postacert = outer.attachments.find(
      (file) => file.contentType === 'message/rfc822' && /postacert\.eml/i.test(file.filename ?? ''),
    );
    const message = postacert
      ? await simpleParser(postacert.content, { skipImageLinks: true, skipTextToHtml: true })
      : outer;
    return message.attachments
      .filter(
        (file: Attachment) => file.size <= limits.maxAttachmentBytes && file.contentType !== 'message/rfc822',
      )
      .slice(0, limits.maxAttachments)
      .map((file) => ({
        fileName: file.filename ?? 'allegato',
        contentType: file.contentType,
        content: new Uint8Array(file.content),
      }));
  } catch {
    return [];
  }
}
