import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { triageToJson } from '../../domain/triage/triage-json.js';
import { testTrust } from './pec-signing.js';

export const ownAddresses = ['amministrazione@comunitasocialecremasca.it'];

/** Triage of a raw message as the CLI does it, in process. */
export async function triageRaw(raw: Uint8Array) {
  const parsed = await parseMessage(raw, defaultMailLimits, null, testTrust());
  const result = await triageMail(parsed.mail, {
    ownAddresses,
    deliveredAt: parsed.mail.date ?? new Date('2027-02-10T09:00:00Z'),
  });
  return { result, json: triageToJson(result) };
}
