import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));

/** Who signed, when the signature holds. */
export interface VerifiedSignature {
  readonly subject: string;
  /** The signer's certificate and the others the signature carried, to check against the trusted providers. */
  readonly certificate: pkijs.Certificate;
  readonly carried: readonly pkijs.Certificate[];
}

/**
 * Checks a detached CMS (S/MIME `smime.p7s`) signature over `content`, the exact bytes of the
 * signed MIME part, with the certificate it carries. Whose certificate that is, the caller checks
 * (the accredited PEC providers, `pec-providers.ts`).
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
      certificate,
      carried: (signed.certificates ?? []).filter(
        (entry): entry is pkijs.Certificate => entry instanceof pkijs.Certificate && entry !== certificate,
      ),
      subject: certificate.subject.typesAndValues
        .map((entry) => String(entry.value.valueBlock.value))
        .join(', '),
    };
  } catch {
    return null;
  }
}
