import { activationLines } from './compose-mail.js';
import { beneficiaryFields, birthDateFor } from './tax-codes.js';

/**
 * A valid SAD activation for a Bianchi Maria of Crema in the body (as the Comune's office sends it,
 * 8-bit UTF-8 text), with its own Message-ID, dated `date`. Each id has its own Maria Bianchi (born
 * on a day the id picks, her codice fiscale to match): the same beneficiary twice would be a
 * duplicate of a running project, answered as such.
 */
export function sadRequest(id: string, date = new Date()): string {
  const headers = [
    'From: servizi.sociali@comune.crema.cr.it',
    'To: amministrazione@comunitasocialecremasca.it',
    'Subject: Richiesta attivazione SAD - Bianchi Maria',
    `Message-ID: <${id}@comune.crema.cr.it>`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = [
    'Buongiorno, si trasmette la richiesta di attivazione.',
    '',
    ...activationLines(beneficiaryFields('Bianchi', 'Maria', birthDateFor(id))),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`;
}

/** Reply Message-IDs grouped by the request they answer (In-Reply-To). */
export function repliesByRequest(
  messages: readonly { parsed: { inReplyTo?: string | undefined; messageId?: string | undefined } }[],
) {
  const byRequest = new Map<string, string[]>();
  for (const message of messages) {
    const key = message.parsed.inReplyTo ?? '(none)';
    byRequest.set(key, [...(byRequest.get(key) ?? []), message.parsed.messageId ?? '(none)']);
  }
  return byRequest;
}
