import { z } from 'zod';
import type { DigitalSigner } from '../triage/mail-for-triage.js';

const storedSigners = z.object({
  signers: z.array(z.object({ name: z.string().nullable(), taxCode: z.string().nullable() })),
});

/** Who signed the file a request was read from, as stored with its fields; none when it was not signed. */
export function signersOfStoredFields(fields: unknown): DigitalSigner[] {
  const parsed = storedSigners.safeParse(fields);
  return parsed.success ? parsed.data.signers : [];
}

/**
 * What staff are told of a signed form (issue #15): the signature matched the file, and the
 * certificate was not checked against the trust list, which needs the network (SECURITY.md).
 */
export function signatureNotice(signers: readonly DigitalSigner[]): string | null {
  if (signers.length === 0) return null;
  const names = signers
    .map(
      (signer) =>
        `${signer.name ?? 'firmatario senza nome'}${signer.taxCode ? ` (c.f. ${signer.taxCode})` : ''}`,
    )
    .join(', ');
  return `Firma digitale di ${names} presente, integrità verificata; validità del certificato non verificata.`;
}
