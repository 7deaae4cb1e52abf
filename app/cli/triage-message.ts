import { triageToJson } from '../../domain/triage/triage-json.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { detectOcr, type OcrOptions } from '../../mail/parsing/scan-ocr.js';
import { readPecProviders } from '../../mail/parsing/pec-provider-list.js';
import type { PecProvider } from '../../mail/parsing/pec-providers.js';
import type { SportelloConfig } from '../config.js';

/** Tesseract, looked for once per run (a file of samples asks for every message). */
let ocr: Promise<OcrOptions | null> | undefined;
let pecProviders: PecProvider[] | undefined;

/**
 * The stable triage JSON of one message read from a file, as `npm run triage` prints it. A file has
 * no server receipt time: its own Date header stands in for it, else the file's time.
 */
export async function triageMessage(raw: Uint8Array, config: SportelloConfig, fileTime: Date) {
  ocr ??= config.mail.ocr ? detectOcr() : Promise.resolve(null);
  pecProviders ??= config.mail.pecTrustedProviders ? readPecProviders(config.mail.pecTrustedProviders) : [];
  const parsed = await parseMessage(raw, config.mail.limits, await ocr, pecProviders);
  const result = await triageMail(parsed.mail, {
    ownAddresses: config.mail.ownAddresses,
    deliveredAt: parsed.mail.date ?? fileTime,
  });
  return triageToJson(result);
}
