import { z } from 'zod';
import type { DigitalSigner } from '../triage/mail-for-triage.js';

const storedSigners = z.object({
  signers: z.array(
    z.object({
      name: z.string().nullable(),
      taxCode: z.string().nullable(),
      qualifiedBy: z.string().nullable().optional(),
    }),
  ),
});

/** Who signed the file a request was read from, as stored with its fields; none when it was not signed. */
export function signersOfStoredFields(fields: unknown): DigitalSigner[] {
  const parsed = storedSigners.safeParse(fields);
  return parsed.success ? parsed.data.signers : [];
}

/**
 * What staff are told of a signed form (issue #15): the signature matched the file; with a trusted
 * list configured (issue #23), whether the certificate is qualified, else that it was not checked.
 */
export function signatureNotice(signers: readonly DigitalSigner[]): string | null {
  if (signers.length === 0) return null;
  const who = (signer: DigitalSigner) =>
    `${signer.name ?? 'firmatario senza nome'}${signer.taxCode ? ` (c.f. ${signer.taxCode})` : ''}`;
  if (signers.every((signer) => signer.qualifiedBy === undefined))
    return `Firma digitale di ${signers.map(who).join(', ')} presente, integrità verificata; validità del certificato non verificata.`;
  const state = (signer: DigitalSigner) =>
    signer.qualifiedBy
      ? `firma qualificata valida (certificatore: ${signer.qualifiedBy})`
      : signer.qualifiedBy === null
        ? "certificato non verificato: non risulta emesso da un certificatore qualificato dell'elenco di fiducia"
        : 'validità del certificato non verificata';
  if (signers.length === 1)
    return `Firma digitale di ${who(signers[0]!)} presente, integrità verificata; ${state(signers[0]!)}.`;
  return `Firme digitali presenti, integrità verificata: ${signers.map((signer) => `${who(signer)} – ${state(signer)}`).join('; ')}.`;
}
