import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { webcrypto } from 'node:crypto';

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as pkijs.ICryptoEngine['crypto'] }),
);

/** Who signed, when the signature holds. */
export interface VerifiedSignature {
  /** The signer certificate's validity, to compare with the date it certifies. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: string;
}

/**
 * Checks a detached CMS (S/MIME `smime.p7s`) signature over `content`, the exact bytes of the
 * signed MIME part. The certificate is not checked against the PEC providers' trust list (that
 * needs the network): the signature must hold, with the certificate it carries.
 */
export async function verifyDetachedSignature(
  signature: Uint8Array,
  content: Uint8Array,
): Promise<VerifiedSignature | null> {
  try {
    const asn1 = asn1js.fromBER(new Uint8Array(signature));
    if (asn1.offset === -1) return null;
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return null;
    const signed = new pkijs.SignedData({ schema: info.content });
    const result = await signed.verify({
      signer: 0,
      data: new Uint8Array(content).buffer,
      checkChain: false,
      extendedMode: true,
    });
    const certificate = result.signerCertificate;
    if (!result.signatureVerified || !certificate) return null;
    return {
      notBefore: certificate.notBefore.value,
      notAfter: certificate.notAfter.value,
      subject: certificate.subject.typesAndValues
        .map((entry) => String(entry.value.valueBlock.value))
        .join(', '),
    };
  } catch {
    return null;
  }
}
