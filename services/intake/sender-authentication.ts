import { getDomain } from 'tldts';
import type { MailForTriage } from '../../domain/triage/mail-for-triage.js';
import {
  parseAuthenticationResults,
  type AuthenticationResult,
  type AuthenticationResultsHeader,
} from './authentication-results.js';

/**
 * Whose verdict on the sender Sportello believes: the office's receiving server by its authserv-id,
 * Exchange Online Protection (which writes no authserv-id), or nobody (local development).
 */
export type SenderCheck =
  | { readonly mode: 'off' }
  | { readonly mode: 'authserv-id'; readonly authservId: string }
  | { readonly mode: 'exchange-online' };

/** Why a sender is not believed, stable for staff notices and tests. */
export type SenderDoubt = 'several_senders' | 'no_verdict' | 'failed' | 'not_aligned' | 'not_verified';

/** What the office's receiving server vouches for: the From domain, or nothing (and why, in Italian). */
export type SenderAuthentication =
  | { readonly outcome: 'unchecked' }
  | { readonly outcome: 'verified'; readonly by: 'dmarc' | 'spf' | 'dkim' | 'compauth' | 'pec' }
  | { readonly outcome: 'refused'; readonly doubt: SenderDoubt; readonly explanation: string };

/**
 * A sender counts only when the receiving server's verdict passes for the From domain itself:
 * `dmarc=pass` with `header.from` equal to it, or, where that domain publishes no DMARC record
 * (`dmarc=none`), an SPF or DKIM pass whose domain is aligned with it (same organisational domain,
 * RFC 7489 section 3.1, relaxed mode). Exchange Online: only the topmost result, on mail it received
 * anonymously from the Internet, with `dmarc=pass` (not `bestguesspass`) or `compauth=pass`.
 * A message with more than one From (or none readable) is nobody's. A PEC verified against the
 * accredited providers is vouched for by its provider's signature.
 */
export function senderAuthentication(mail: MailForTriage, check: SenderCheck): SenderAuthentication {
  if (mail.isPec) return { outcome: 'verified', by: 'pec' };
  const fromHeaders = mail.headers['from'] ?? [];
  if (fromHeaders.length !== 1 || mail.fromAddresses.length !== 1 || !mail.fromAddresses[0])
    return refused(
      'several_senders',
      fromHeaders.length > 1 || mail.fromAddresses.length > 1
        ? 'il messaggio indica più di un mittente (From): non si può sapere per conto di chi è scritto'
        : 'il mittente (From) non è leggibile come un solo indirizzo',
    );
  if (check.mode === 'off') return { outcome: 'unchecked' };
  const domain = mail.fromAddresses[0]!.split('@').pop()!.toLowerCase();
  const verdict = serverVerdict(mail.headers, check);
  if ('explanation' in verdict) return refused('no_verdict', verdict.explanation);
  return check.mode === 'exchange-online'
    ? exchangeVerdict(verdict.results, domain)
    : alignedVerdict(verdict.results, domain);
}

/** The results written by the server Sportello believes, or why there are none. */
function serverVerdict(
  headers: Readonly<Record<string, readonly string[]>>,
  check: Exclude<SenderCheck, { mode: 'off' }>,
): { readonly results: readonly AuthenticationResult[] } | { readonly explanation: string } {
  const parsed: AuthenticationResultsHeader[] = (headers['authentication-results'] ?? []).map(
    parseAuthenticationResults,
  );
  if (check.mode === 'authserv-id') {
    const ours = parsed.filter((header) => header.authservId === check.authservId);
    return ours.length > 0
      ? { results: ours.flatMap((header) => header.results) }
      : {
          explanation: `il server di posta dell'ufficio (${check.authservId}) non ha registrato alcuna verifica del mittente`,
        };
  }
  // EOP prepends its header and strips X-MS-Exchange-Organization-* arriving from outside: the
  // topmost result is its own only on mail it stamped as received anonymously from the Internet.
  const authAs = (headers['x-ms-exchange-organization-authas'] ?? [])[0]?.trim().toLowerCase();
  const topmost = parsed[0];
  if (authAs !== 'anonymous' || !topmost || topmost.authservId !== null)
    return {
      explanation:
        'il messaggio non risulta ricevuto da Internet e verificato da Exchange Online (manca il suo esito o X-MS-Exchange-Organization-AuthAs: Anonymous)',
    };
  return { results: topmost.results };
}

function alignedVerdict(results: readonly AuthenticationResult[], domain: string): SenderAuthentication {
  const dmarc = results.filter((result) => result.method === 'dmarc');
  const forDomain = dmarc.filter((result) => (result.properties['header.from'] ?? domain) === domain);
  const failed = forDomain.find((result) => result.result !== 'pass' && result.result !== 'none');
  if (failed)
    return refused('failed', `la verifica DMARC del dominio ${domain} non è superata («${failed.result}»)`);
  if (forDomain.some((result) => result.result === 'pass' && result.properties['header.from'] === domain))
    return { outcome: 'verified', by: 'dmarc' };
  if (forDomain.length > 0 && forDomain.every((result) => result.result === 'none')) {
    // Seed of the rule: RFC 7489 section 3.1, relaxed alignment of the SPF and DKIM identifiers.
    const aligned = (other: string | undefined) => !!other && sameOrganisation(other, domain);
    if (passed(results, 'spf').some((result) => aligned(mailFromDomain(result))))
      return { outcome: 'verified', by: 'spf' };
    if (passed(results, 'dkim').some((result) => aligned(result.properties['header.d'])))
      return { outcome: 'verified', by: 'dkim' };
  }
  return notVouched(results, domain);
}

function exchangeVerdict(results: readonly AuthenticationResult[], domain: string): SenderAuthentication {
  const dmarc = results.find((result) => result.method === 'dmarc');
  if (dmarc && dmarc.result === 'fail')
    return refused('failed', `la verifica DMARC del dominio ${domain} non è superata («fail»)`);
  if (dmarc?.result === 'pass' && dmarc.properties['header.from'] === domain)
    return { outcome: 'verified', by: 'dmarc' };
  if (results.some((result) => result.method === 'compauth' && result.result === 'pass'))
    return { outcome: 'verified', by: 'compauth' };
  return notVouched(results, domain);
}

/** Nothing passed for the From domain: say what did pass (for another domain) or what was found. */
function notVouched(results: readonly AuthenticationResult[], domain: string): SenderAuthentication {
  const elsewhere = [
    ...passed(results, 'spf').map((result) => `SPF per ${mailFromDomain(result) ?? '?'}`),
    ...passed(results, 'dkim').map((result) => `DKIM per ${result.properties['header.d'] ?? '?'}`),
    ...passed(results, 'dmarc').map((result) => `DMARC per ${result.properties['header.from'] ?? '?'}`),
  ];
  if (elsewhere.length > 0)
    return refused(
      'not_aligned',
      `le verifiche superate (${elsewhere.join(', ')}) riguardano un dominio diverso da quello del mittente (${domain})`,
    );
  const found = results.map((result) => `${result.method.toUpperCase()} «${result.result}»`).join(', ');
  return refused(
    'not_verified',
    `nessuna verifica superata per il dominio del mittente (${domain})${found ? `: ${found}` : ''}`,
  );
}

const passed = (results: readonly AuthenticationResult[], method: string) =>
  results.filter((result) => result.method === method && result.result === 'pass');

function mailFromDomain(result: AuthenticationResult): string | undefined {
  const value = result.properties['smtp.mailfrom'];
  return value ? value.split('@').pop() : undefined;
}

function sameOrganisation(one: string, other: string): boolean {
  const organisation = (domain: string) => getDomain(domain, { allowPrivateDomains: true }) ?? domain;
  return organisation(one) === organisation(other);
}

function refused(doubt: SenderDoubt, explanation: string): SenderAuthentication {
  return { outcome: 'refused', doubt, explanation };
}
