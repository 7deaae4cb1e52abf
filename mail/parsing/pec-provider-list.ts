import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { certificateOf } from './certificate-chain.js';
import type { PecProvider } from './pec-providers.js';

/**
 * Reads the office's list of accredited PEC providers (`PEC_TRUSTED_PROVIDERS`): AgID's index of
 * PEC providers as LDIF (RFC 6109 attributes `providerName`, `providerCertificate`,
 * `providerCertificateHash`, `managedDomains`), or a folder where each provider is a `<name>.pem`
 * (its signing or issuing certificates) beside a `<name>.domains` (its managed domains, one per
 * line). A list that names no usable provider stops Sportello at start: an empty list would
 * quietly certify nothing.
 */
export function readPecProviders(path: string): PecProvider[] {
  let providers: PecProvider[];
  try {
    providers = statSync(path).isDirectory()
      ? providersInFolder(path)
      : providersInLdif(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unusable(path, error instanceof Error ? error.message : String(error));
  }
  if (providers.length === 0) throw unusable(path, 'no provider with a certificate and managed domains');
  return providers;
}

/** The providers of an LDIF index (RFC 2849 syntax): each entry with a certificate (or hash) and domains. */
export function providersInLdif(text: string): PecProvider[] {
  return ldifEntries(text).flatMap((entry) => {
    const certificates = (entry.get('providercertificate') ?? []).map(binaryValue);
    const hashes = (entry.get('providercertificatehash') ?? []).flatMap((value) => {
      const hash = normalisedHash(textValue(value));
      return hash ? [hash] : [];
    });
    const domains = (entry.get('manageddomains') ?? []).map((value) => textValue(value).trim().toLowerCase());
    const usable = certificates.filter((der) => certificateOf(der) !== null);
    if ((usable.length === 0 && hashes.length === 0) || domains.length === 0) return [];
    const name = textValue((entry.get('providername') ?? [])[0] ?? { text: 'gestore PEC' });
    return [
      { name, certificates: usable, certificateHashes: hashes, managedDomains: domains.filter(Boolean) },
    ];
  });
}

function providersInFolder(folder: string): PecProvider[] {
  const files = readdirSync(folder);
  return files
    .filter((file) => /\.(pem|crt)$/i.test(file))
    .map((file) => {
      const name = basename(file, extname(file));
      const domainsFile = files.find((other) => other === `${name}.domains`);
      if (!domainsFile)
        throw unusable(join(folder, file), `no ${name}.domains beside it (its managed domains)`);
      const certificates = pemCertificates(readFileSync(join(folder, file), 'utf8'));
      if (certificates.length === 0) throw unusable(join(folder, file), 'no readable certificate');
      const managedDomains = readFileSync(join(folder, domainsFile), 'utf8')
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*$/, '').trim().toLowerCase())
        .filter(Boolean);
      return { name, certificates, certificateHashes: [], managedDomains };
    });
}

function pemCertificates(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)]
    .map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')))
    .filter((der) => certificateOf(der) !== null);
}

type LdifValue = { readonly text: string } | { readonly base64: string };

/** LDIF entries as attribute (lower case, options dropped) → values; comments and folding handled. */
function ldifEntries(text: string): Map<string, LdifValue[]>[] {
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n /g, '');
  const entries: Map<string, LdifValue[]>[] = [];
  let current = new Map<string, LdifValue[]>();
  for (const line of unfolded.split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) entries.push(current);
      current = new Map();
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = /^([A-Za-z0-9-]+)(?:;[^:]*)?:(:?)\s?(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value: LdifValue = match[2] === ':' ? { base64: match[3]!.trim() } : { text: match[3]! };
    current.set(key, [...(current.get(key) ?? []), value]);
  }
  if (current.size > 0) entries.push(current);
  return entries;
}

function textValue(value: LdifValue): string {
  return 'text' in value ? value.text : Buffer.from(value.base64, 'base64').toString('utf8');
}

function binaryValue(value: LdifValue): Uint8Array {
  return 'base64' in value
    ? new Uint8Array(Buffer.from(value.base64, 'base64'))
    : new Uint8Array(Buffer.from(value.text, 'latin1'));
}

/** `SHA1#AB:CD…`, `sha256:abcd…` or a bare hex fingerprint, as `sha1:abcd…` / `sha256:…`. */
function normalisedHash(value: string): string | null {
  const match = /^(?:(sha-?1|sha-?256)\s*[#:]\s*)?([0-9a-f:\s]+)$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[2]!.replace(/[:\s]/g, '').toLowerCase();
  const algorithm = match[1]?.toLowerCase().replace('-', '') ?? (hex.length === 64 ? 'sha256' : 'sha1');
  const expected = algorithm === 'sha256' ? 64 : 40;
  return hex.length === expected ? `${algorithm}:${hex}` : null;
}

function unusable(path: string, why: string): AppError {
  return new AppError('invalid_configuration', `PEC_TRUSTED_PROVIDERS (${path}) is not usable: ${why}`);
}
