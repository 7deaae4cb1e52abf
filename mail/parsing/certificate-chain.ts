import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './smime-signature.js'; // sets pkijs's Node crypto engine

/** A DER certificate, or null when the bytes are not one. */
export function certificateOf(der: Uint8Array): pkijs.Certificate | null {
  try {
    const asn1 = asn1js.fromBER(new Uint8Array(der));
    return asn1.offset === -1 ? null : new pkijs.Certificate({ schema: asn1.result });
  } catch {
    return null;
  }
}

/**
 * Whether `certificate` chains, through the certificates a signature carried, to one of `trusted`
 * (DER), every link valid at `at`. Revocation is not checked (it needs the network).
 */
export async function chainsToAny(
  trusted: readonly Uint8Array[],
  certificate: pkijs.Certificate,
  carried: readonly pkijs.Certificate[],
  at: Date,
): Promise<boolean> {
  const anchors = trusted.flatMap((der) => {
    const anchor = certificateOf(der);
    return anchor ? [anchor] : [];
  });
  if (anchors.length === 0) return false;
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: anchors,
      certs: [certificate, ...carried],
      checkDate: at,
    });
    return (await engine.verify()).result;
  } catch {
    return false;
  }
}
