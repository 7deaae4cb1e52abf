/** What the office's receiving server found checking the sender (SPF, DKIM, DMARC). */
export type SenderAuthentication = 'pass' | 'fail' | 'missing' | 'unchecked';

const failures = /^(fail|softfail|permerror)$/i;

/**
 * Reads the `Authentication-Results` headers written by the office's own receiving server (its
 * authserv-id, RFC 8601), ignoring any other: a sender can write such a header too. A DMARC, DKIM or
 * SPF failure makes the sender unauthenticated; with no header from our server the message did not
 * come through it. Without a configured authserv-id nothing is checked (local development).
 */
export function senderAuthentication(
  headers: Readonly<Record<string, readonly string[]>>,
  authservId: string | null,
): SenderAuthentication {
  if (!authservId) return 'unchecked';
  const ours = (headers['authentication-results'] ?? []).filter(
    (value) => authservIdOf(value) === authservId.toLowerCase(),
  );
  if (ours.length === 0) return 'missing';
  for (const value of ours) {
    for (const method of ['dmarc', 'dkim', 'spf']) {
      const results = [...value.matchAll(new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([a-z]+)`, 'gi'))];
      if (results.some((result) => failures.test(result[1]!))) return 'fail';
    }
  }
  return 'pass';
}

function authservIdOf(value: string): string {
  // "mx.example.it 1; spf=pass …": the id, then an optional version, then the results.
  const head = value.split(';', 1)[0]!.trim();
  return head.split(/\s+/, 1)[0]!.replace(/\(.*$/, '').toLowerCase();
}
