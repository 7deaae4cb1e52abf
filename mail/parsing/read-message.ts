import { createHash } from 'node:crypto';
import { triageMail } from '../../domain/triage/triage-mail.js';
import type { ReadMessage } from '../../services/intake/message-reader.js';
import type { MailLimits } from './mail-limits.js';
import { parseMessage, type MessageTrust } from './parse-message.js';
import type { OcrOptions } from './scan-ocr.js';

/** How messages are read: the limits on what is decoded, and the office's own addresses. */
export interface ReadOptions {
  readonly limits: MailLimits;
  /** Mail from these addresses is never answered. */
  readonly ownAddresses: readonly string[];
  /** Tesseract and pdftoppm, when installed: scans are read with OCR; otherwise they go to staff. */
  readonly ocr?: OcrOptions | null;
  /** The PEC providers and qualified CAs Sportello trusts. */
  readonly trust?: MessageTrust;
}

/** Decodes a raw message (bodies, PDF, DOCX, PEC envelope) and triages it. */
export async function readMessage(
  raw: Uint8Array,
  deliveredAt: Date,
  options: ReadOptions,
): Promise<ReadMessage> {
  const parsed = await parseMessage(raw, options.limits, options.ocr ?? null, options.trust);
  const result = await triageMail(parsed.mail, { ownAddresses: options.ownAddresses, deliveredAt });
  // Hashed here, on the reader thread: a large attachment's digest stays off the event loop.
  const documents = parsed.attachments.map((file, index) => ({
    position: index + 1,
    fileName: file.fileName,
    mediaType: file.contentType,
    sizeBytes: file.content.byteLength,
    sha256: createHash('sha256').update(file.content).digest('hex'),
  }));
  return { parsed, result, documents };
}

/** Reads in the calling thread: for `MAIL_READER_THREADS=0` and tests of one module. */
export function inThreadReader(options: ReadOptions) {
  return {
    read: (raw: Uint8Array, deliveredAt: Date) => readMessage(raw, deliveredAt, options),
    close: async () => undefined,
  };
}
