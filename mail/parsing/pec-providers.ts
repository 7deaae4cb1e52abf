import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { chainsToAny } from './certificate-chain.js';

/** An accredited PEC provider, as the office's list (AgID's index of PEC providers) names it. */
export interface PecProvider {
  readonly name: string;
  /** DER certificates: those the provider signs its envelopes with, or the CA that issues them. */
  readonly certificates: readonly Uint8Array[];
  /** Fingerprints (`sha1:…` / `sha256:…`, hex lower case) of signing certificates listed without the certificate. */
  readonly certificateHashes: readonly string[];
  /** The PEC domains it manages, lower case: its signature vouches only for senders of these. */
  readonly managedDomains: readonly string[];
}

/** The signer of an envelope: its certificate and the others the signature carried (a chain). */
export interface EnvelopeSigner {
  readonly certificate: pkijs.Certificate;
  readonly carried: readonly pkijs.Certificate[];
}

/**
 * The accredited provider that vouches for a certified sender: one that manages the sender's
 * domain, whose certificate signed the envelope (or issued the one that did), valid at the
 * certified time. Null when none does: the envelope is then ordinary mail.
 */
export async function vouchingProvider(
  providers: readonly PecProvider[],
  signer: EnvelopeSigner,
  sender: string,
  certifiedAt: Date,
): Promise<PecProvider | null> {
  const domain = sender.split('@').pop()!.toLowerCase();
  const der = new Uint8Array(signer.certificate.toSchema().toBER(false));
  const fingerprints = ['sha1', 'sha256'].map(
    (algorithm) => `${algorithm}:${createHash(algorithm).update(der).digest('hex')}`,
  );
  const { notBefore, notAfter } = signer.certificate;
  if (certifiedAt < notBefore.value || certifiedAt > notAfter.value) return null;
  for (const provider of providers) {
    if (!provider.managedDomains.includes(domain)) continue;
    if (provider.certificateHashes.some((hash) => fingerprints.includes(hash))) return provider;
    if (provider.certificates.some((listed) => Buffer.from(listed).equals(der))) return provider;
    if (await chainsToAny(provider.certificates, signer.certificate, signer.carried, certifiedAt))
      return provider;
  }
  return null;
}
