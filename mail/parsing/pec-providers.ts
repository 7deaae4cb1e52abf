import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './smime-signature.js'; // sets pkijs's Node crypto engine

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
    if (await chainsTo(provider, signer, certifiedAt)) return provider;
  }
  return null;
}

async function chainsTo(provider: PecProvider, signer: EnvelopeSigner, at: Date): Promise<boolean> {
  const trusted = provider.certificates.flatMap((der) => {
    const certificate = certificateOf(der);
    return certificate ? [certificate] : [];
  });
  if (trusted.length === 0) return false;
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: trusted,
      certs: [signer.certificate, ...signer.carried],
      checkDate: at,
    });
    return (await engine.verify()).result;
  } catch {
    return false;
  }
}

/** A DER certificate, or null when the bytes are not one. */
export function certificateOf(der: Uint8Array): pkijs.Certificate | null {
  try {
    const asn1 = asn1js.fromBER(new Uint8Array(der));
    return asn1.offset === -1 ? null : new pkijs.Certificate({ schema: asn1.result });
  } catch {
    return null;
  }
}
