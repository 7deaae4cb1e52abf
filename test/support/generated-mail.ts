import { activationLines } from './compose-mail.js';

/**
 * A valid SAD activation for Bianchi Maria of Crema in the body (as the Comune's office sends it,
 * 8-bit UTF-8 text), with its own Message-ID, dated `date`.
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
  const body = ['Buongiorno, si trasmette la richiesta di attivazione.', '', ...activationLines()];
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
