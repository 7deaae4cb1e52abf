import { readFileSync } from 'node:fs';

const sample01 = readFileSync(
  new URL('../../../shared/samples/01-activation-sad-body.eml', import.meta.url),
  'utf8',
);

/** Sample 01 (a valid SAD activation in the body) as a new message with its own Message-ID, dated now. */
export function sadRequest(id: string, date = new Date()): string {
  return sample01
    .replace(/^Message-ID: .*$/m, `Message-ID: <${id}@comune.crema.cr.it>`)
    .replace(/^Date: .*$/m, `Date: ${date.toUTCString()}`)
    .replace(/\n/g, '\r\n');
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
