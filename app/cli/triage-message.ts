import { triageToJson } from '../../domain/triage/triage-json.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { parseMessage, type MessageTrust } from '../../mail/parsing/parse-message.js';
import { detectOcr, type OcrOptions } from '../../mail/parsing/scan-ocr.js';
import { messageTrust } from '../message-trust.js';
import type { SportelloConfig } from '../config.js';

/** Tesseract, looked for once per run (a file of samples asks for every message). */
let ocr: Promise<OcrOptions | null> | undefined;
let trust: MessageTrust | undefined;

/**
 * The stable triage JSON of one message read from a file, as `npm run triage` prints it. A file has
 * no server receipt time: its own Date header stands in for it, else the file's time.
 */
export async function triageMessage(raw: Uint8Array, config: SportelloConfig, fileTime: Date) {
  ocr ??= config.mail.ocr ? detectOcr() : Promise.resolve(null);
  trust ??= messageTrust(config.mail);
  const parsed = await parseMessage(raw, config.mail.limits, await ocr, trust);
  const result = await triageMail(parsed.mail, {
    ownAddresses: config.mail.ownAddresses,
    deliveredAt: parsed.mail.date ?? fileTime,
  });
  return triageToJson(result);
}
