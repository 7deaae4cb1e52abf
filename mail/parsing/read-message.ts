import { triageMail } from '../../domain/triage/triage-mail.js';
import type { ReadMessage } from '../../services/intake/message-reader.js';
import type { MailLimits } from './mail-limits.js';
import { parseMessage } from './parse-message.js';
import type { OcrOptions } from './scan-ocr.js';
import type { PecProvider } from './pec-providers.js';

/** How messages are read: the limits on what is decoded, and the office's own addresses. */
export interface ReadOptions {
  readonly limits: MailLimits;
  /** Mail from these addresses is never answered. */
  readonly ownAddresses: readonly string[];
  /** Tesseract and pdftoppm, when installed: scans are read with OCR; otherwise they go to staff. */
  readonly ocr?: OcrOptions | null;
  /** The accredited PEC providers (`PEC_TRUSTED_PROVIDERS`): without them no envelope is certified. */
  readonly pecProviders?: readonly PecProvider[];
}

/** Decodes a raw message (bodies, PDF, DOCX, PEC envelope) and triages it. */
export async function readMessage(
  raw: Uint8Array,
  deliveredAt: Date,
  options: ReadOptions,
): Promise<ReadMessage> {
  const parsed = await parseMessage(raw, options.limits, options.ocr ?? null, options.pecProviders ?? []);
  const result = await triageMail(parsed.mail, { ownAddresses: options.ownAddresses, deliveredAt });
  return { parsed, result };
}

/** Reads in the calling thread: for `MAIL_READER_THREADS=0` and tests of one module. */
export function inThreadReader(options: ReadOptions) {
  return {
    read: (raw: Uint8Array, deliveredAt: Date) => readMessage(raw, deliveredAt, options),
    close: async () => undefined,
  };
}
