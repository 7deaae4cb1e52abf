import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { signatureNotice } from '../../domain/requests/digital-signature.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { readTrustedList } from '../../mail/parsing/trusted-list.js';
import { signAttached } from '../support/cades-signing.js';
import { activationLines, composeEml } from '../support/compose-mail.js';
import { qualifiedSigner, testQualifiedAuthority, testTrustedList } from '../support/trusted-list-signing.js';

const refusal = (action: () => unknown): Error => {
  try {
    action();
  } catch (error) {
    expect(isAppError(error, 'invalid_configuration')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a refusal');
};

// Issue 23: a signed form's certificate checked against a trusted list (ETSI TS 119 612).
describe('qualified signatures against the trusted list (SIGNATURE_TRUSTED_LIST)', () => {
  it('reads the qualified CAs in force from a list whose XML signature verifies', () => {
    const { file, signerSha256 } = testTrustedList();
    const list = readTrustedList(file, signerSha256);
    expect(list.signerFingerprint).toBe(signerSha256);
    expect(list.authorities.map((authority) => authority.name)).toEqual([testQualifiedAuthority]);
  });

  it('refuses a list changed after signing, an unsigned one, or one signed by someone else', () => {
    expect(refusal(() => readTrustedList(testTrustedList({ tamper: true }).file, null)).message).toMatch(
      /does not match/,
    );
    expect(refusal(() => readTrustedList(testTrustedList({ unsigned: true }).file, null)).message).toMatch(
      /not signed/,
    );
    expect(refusal(() => readTrustedList(testTrustedList().file, 'ab'.repeat(32))).message).toMatch(
      /other than the expected/,
    );
  });

  it("says «firma qualificata valida» for a qualified CA's certificate, «certificato non verificato» otherwise", async () => {
    const { qualifiedAuthorities } = {
      qualifiedAuthorities: readTrustedList(testTrustedList().file, null).authorities,
    };
    const form = Buffer.from(activationLines().join('\n'));
    const signersOf = async (p7m: Buffer, trusted = qualifiedAuthorities) => {
      const raw = await composeEml({
        from: 'servizi.sociali@comune.crema.cr.it',
        to: 'amministrazione@comunitasocialecremasca.it',
        subject: 'Richiesta firmata',
        text: 'In allegato.',
        attachments: [{ filename: 'richiesta.txt.p7m', content: p7m }],
      });
      const parsed = await parseMessage(raw, defaultMailLimits, null, {
        pecProviders: [],
        qualifiedAuthorities: trusted,
      });
      return parsed.mail.texts.find((text) => text.signers)!.signers!;
    };
    const qualified = await signersOf(signAttached(form, 'der', qualifiedSigner()));
    expect(qualified).toEqual([
      { name: 'VERDI MARCO', taxCode: 'VRDMRC75C12D142X', qualifiedBy: testQualifiedAuthority },
    ]);
    expect(signatureNotice(qualified)).toBe(
      `Firma digitale di VERDI MARCO (c.f. VRDMRC75C12D142X) presente, integrità verificata; firma qualificata valida (certificatore: ${testQualifiedAuthority}).`,
    );
    const selfCertified = await signersOf(signAttached(form));
    expect(selfCertified[0]!.qualifiedBy).toBeNull();
    expect(signatureNotice(selfCertified)).toMatch(
      /; certificato non verificato: non risulta emesso da un certificatore qualificato/,
    );
    // Without a list the certificate is not checked, and the notice says so.
    const unchecked = await signersOf(signAttached(form, 'der', qualifiedSigner()), []);
    expect(unchecked[0]!.qualifiedBy).toBeUndefined();
    expect(signatureNotice(unchecked)).toMatch(/validità del certificato non verificata\.$/);
  });
});
