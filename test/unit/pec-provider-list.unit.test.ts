import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { readPecProviders } from '../../mail/parsing/pec-provider-list.js';
import { signedPecEnvelope, testPecProviderCertificate } from '../support/pec-signing.js';

const office = 'amministrazione@pec.comunitasocialecremasca.it';
const scratch = () => mkdtempSync(join(tmpdir(), 'sportello-pec-list-'));
const envelope = (from: string, signedBy: 'accredited' | 'self-made' = 'accredited') =>
  signedPecEnvelope(
    {
      from,
      to: office,
      subject: 'Richiesta attivazione',
      date: new Date('2027-03-03T11:00:00Z'),
      text: 'Si trasmette richiesta.',
    },
    { office, signedBy },
  );

/** An index of PEC providers in AgID's LDIF (RFC 6109 attributes), its base64 folded at 76 columns. */
function ldif(entries: readonly { name: string; certificate?: Buffer; hash?: string; domains: string[] }[]) {
  return entries
    .map((entry) =>
      [
        '# indice dei gestori di posta certificata',
        `dn: providerName=${entry.name},o=postacert`,
        'objectClass: provider',
        `providerName: ${entry.name}`,
        ...(entry.certificate
          ? [
              `providerCertificate:: ${entry.certificate.toString('base64')}`.replace(
                /(.{76})(?=.)/g,
                '$1\n ',
              ),
            ]
          : []),
        ...(entry.hash ? [`providerCertificateHash: ${entry.hash}`] : []),
        ...entry.domains.map((domain) => `managedDomains: ${domain}`),
        'LDIFLocationURL: ldap://ldap.example.it:389/o=postacert',
      ].join('\n'),
    )
    .join('\n\n');
}

describe("the office's list of accredited PEC providers (PEC_TRUSTED_PROVIDERS)", () => {
  it("reads AgID's LDIF index, and certifies only envelopes of a listed provider for its managed domains", async () => {
    const dir = scratch();
    const file = join(dir, 'gestori-pec.ldif');
    writeFileSync(
      file,
      ldif([
        {
          name: 'Gestore di prova S.p.A.',
          certificate: testPecProviderCertificate(),
          domains: ['pec.comune.soncino.cr.it', 'PEC.Comune.Crema.cr.it'],
        },
        { name: 'Altro gestore', hash: `SHA1#${'ab'.repeat(20)}`, domains: ['pec.altro.it'] },
      ]),
    );
    const providers = readPecProviders(file);
    expect(providers.map((provider) => [provider.name, provider.managedDomains])).toEqual([
      ['Gestore di prova S.p.A.', ['pec.comune.soncino.cr.it', 'pec.comune.crema.cr.it']],
      ['Altro gestore', ['pec.altro.it']],
    ]);
    expect(providers[1]!.certificateHashes).toEqual([`sha1:${'ab'.repeat(20)}`]);

    const read = async (raw: Buffer) =>
      (
        await parseMessage(raw, defaultMailLimits, null, {
          pecProviders: providers,
          qualifiedAuthorities: [],
        })
      ).mail;
    const certified = await read(await envelope('protocollo@pec.comune.crema.cr.it'));
    expect(certified).toMatchObject({ isPec: true, from: 'protocollo@pec.comune.crema.cr.it' });
    expect(certified.certifiedAt).not.toBeNull();
    const unmanaged = await read(await envelope('protocollo@pec.comune.offanengo.cr.it'));
    expect(unmanaged).toMatchObject({
      isPec: false,
      certifiedAt: null,
      from: 'posta-certificata@pec.example.it',
    });
    const selfMade = await read(await envelope('protocollo@pec.comune.crema.cr.it', 'self-made'));
    expect(selfMade).toMatchObject({ isPec: false, certifiedAt: null });
    // Without a list, nothing is certified.
    expect(
      (await parseMessage(await envelope('protocollo@pec.comune.crema.cr.it'), defaultMailLimits)).mail.isPec,
    ).toBe(false);
  });

  it('believes a provider listed by its certificate fingerprint alone', async () => {
    const raw = await envelope('protocollo@pec.comune.crema.cr.it');
    const dir = scratch();
    const file = join(dir, 'gestori.ldif');
    // The fingerprint of the signing certificate the envelope carries, as the index lists it.
    const fingerprint = signingCertificateFingerprint(raw);
    writeFileSync(
      file,
      ldif([{ name: 'Gestore', hash: `SHA256#${fingerprint}`, domains: ['pec.comune.crema.cr.it'] }]),
    );
    expect(
      (
        await parseMessage(raw, defaultMailLimits, null, {
          pecProviders: readPecProviders(file),
          qualifiedAuthorities: [],
        })
      ).mail.isPec,
    ).toBe(true);
  });

  it('refuses to start on a list it cannot use, saying why', () => {
    const empty = join(scratch(), 'vuoto.ldif');
    writeFileSync(empty, '# nessun gestore\n');
    const folder = join(scratch(), 'gestori');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'gestore.pem'),
      `-----BEGIN CERTIFICATE-----\n${testPecProviderCertificate().toString('base64')}\n-----END CERTIFICATE-----\n`,
    );
    for (const [path, why] of [
      [empty, /no provider/],
      [folder, /gestore\.domains/],
      [join(scratch(), 'assente.ldif'), /ENOENT/],
    ] as const) {
      let error: unknown;
      try {
        readPecProviders(path);
      } catch (thrown) {
        error = thrown;
      }
      expect(isAppError(error, 'invalid_configuration'), path).toBe(true);
      expect((error as Error).message).toMatch(why);
    }
  });
});

/** SHA-256 of the signing certificate inside an envelope's smime.p7s (openssl puts only the signer's there). */
function signingCertificateFingerprint(raw: Buffer): string {
  const p7s = /filename="smime.p7s"\r\n\r\n([\s\S]*?)\r\n--/.exec(raw.toString('latin1'))![1]!;
  const info = new pkijs.ContentInfo({
    schema: asn1js.fromBER(Buffer.from(p7s.replace(/\s+/g, ''), 'base64')).result,
  });
  const signed = new pkijs.SignedData({ schema: info.content });
  const [certificate] = (signed.certificates ?? []).filter((entry) => entry instanceof pkijs.Certificate);
  return createHash('sha256')
    .update(new Uint8Array(certificate!.toSchema().toBER(false)))
    .digest('hex');
}
