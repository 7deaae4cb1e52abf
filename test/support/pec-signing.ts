import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPecProviders } from '../../mail/parsing/pec-provider-list.js';
import type { PecProvider } from '../../mail/parsing/pec-providers.js';
import type { MessageTrust } from '../../mail/parsing/parse-message.js';
import { composeEml } from './compose-mail.js';
import { testCertificate, type Signer } from './test-certificates.js';

let accredited: { ca: Signer; signer: Signer } | null = null;
let selfMade: Signer | null = null;

/** The PEC domains the test provider manages: the Comuni whose PEC the tests write from. */
export const testPecDomains = [
  'pec.comune.soncino.cr.it',
  'pec.comune.crema.cr.it',
  'pec.comune.pandino.cr.it',
];

/**
 * A throw-away accredited "PEC provider": a CA, listed in the office's trusted providers, and the
 * signing certificate it issues for envelopes; made once per test process with openssl.
 */
function accreditedProvider() {
  if (accredited) return accredited;
  const ca = testCertificate('/CN=CA Gestore PEC di prova', null, 'ca_ext');
  accredited = { ca, signer: testCertificate('/CN=Gestore PEC di prova - firma buste', ca, 'signer_ext') };
  return accredited;
}

/**
 * The office's list of accredited providers for tests, as `PEC_TRUSTED_PROVIDERS` takes it: a
 * folder with the test provider's CA (`gestore-di-prova.pem`) and the domains it manages.
 */
export function testPecProvidersFolder(): string {
  const { ca } = accreditedProvider();
  const folder = join(ca.dir, 'gestori');
  mkdirSync(folder, { recursive: true });
  copyFileSync(ca.cert, join(folder, 'gestore-di-prova.pem'));
  writeFileSync(join(folder, 'gestore-di-prova.domains'), `${testPecDomains.join('\n')}\n`);
  return folder;
}

/** The same list as the reader takes it in memory. */
export function testPecProviders(): PecProvider[] {
  return readPecProviders(testPecProvidersFolder());
}

/** What the tests' reader trusts: the test PEC provider, and no trusted list of qualified CAs. */
export function testTrust(): MessageTrust {
  return { pecProviders: testPecProviders(), qualifiedAuthorities: [] };
}

/** The test provider's CA certificate, DER (to write an LDIF index in a test). */
export function testPecProviderCertificate(): Buffer {
  const pem = readFileSync(accreditedProvider().ca.cert, 'utf8');
  return Buffer.from(
    /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END/.exec(pem)![1]!.replace(/\s+/g, ''),
    'base64',
  );
}

/** A detached CMS signature (smime.p7s, DER) of `content`, by the test provider or a self-made one. */
export function signDetached(content: Uint8Array, by: 'accredited' | 'self-made' = 'accredited'): Buffer {
  const { dir, key, cert } =
    by === 'accredited'
      ? accreditedProvider().signer
      : (selfMade ??= testCertificate('/CN=Gestore PEC', null, 'ca_ext'));
  const input = join(dir, `content-${process.hrtime.bigint()}.bin`);
  writeFileSync(input, content);
  const output = `${input}.p7s`;
  execFileSync(
    'openssl',
    [
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-in',
      input,
      '-signer',
      cert,
      '-inkey',
      key,
      '-outform',
      'DER',
      '-out',
      output,
    ],
    { stdio: 'pipe' },
  );
  return readFileSync(output);
}

/** What a PEC envelope is made of, and how a test may spoil it. */
export interface PecEnvelopeOptions {
  readonly office: string;
  /** The certified time written in daticert.xml (default: the inner message's date). */
  readonly certifiedAt?: Date;
  /** Change the signed part after signing, as a forger would. */
  readonly tamper?: boolean;
  /** Signed by the accredited test provider (default) or by a certificate of the sender's own making. */
  readonly signedBy?: 'accredited' | 'self-made';
  /** The envelope's own sender (default: the test provider's posta-certificata address). */
  readonly envelopeFrom?: string;
  /** More headers on the envelope, e.g. the receiving server's Authentication-Results. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A PEC transport envelope around `inner`, as a PEC provider delivers it: S/MIME multipart/signed
 * over a multipart/mixed part holding the notice, daticert.xml and the original as postacert.eml.
 */
export async function signedPecEnvelope(
  inner: Record<string, unknown> & { date: Date; subject: string; from: string; messageId?: string },
  options: PecEnvelopeOptions,
): Promise<Buffer> {
  const original = await composeEml(inner);
  const at = options.certifiedAt ?? inner.date;
  const rome = new Date(at.getTime() + 3_600_000);
  const day = `${String(rome.getUTCDate()).padStart(2, '0')}/${String(rome.getUTCMonth() + 1).padStart(2, '0')}/${rome.getUTCFullYear()}`;
  const time = rome.toISOString().slice(11, 19);
  const id = `opec.${process.hrtime.bigint()}@pec.example.it`;
  const daticert = `<?xml version="1.0" encoding="UTF-8"?>
<postacert tipo="posta-certificata" errore="nessuno"><intestazione><mittente>${inner.from}</mittente><destinatari tipo="certificato">${options.office}</destinatari><oggetto>${inner.subject}</oggetto></intestazione><dati><gestore-emittente>PEC di prova</gestore-emittente><data zona="+0100"><giorno>${day}</giorno><ora>${time}</ora></data><identificativo>${id}</identificativo></dati></postacert>`;
  const mixed = (
    await composeEml({
      text: `Messaggio di posta certificata\n\nIl messaggio originale è incluso in allegato.`,
      attachments: [
        { filename: 'daticert.xml', content: daticert, contentType: 'application/xml' },
        { filename: 'postacert.eml', content: original, contentType: 'message/rfc822' },
      ],
    })
  ).toString('latin1');
  const split = mixed.indexOf('\r\n\r\n');
  const contentType = /^Content-Type:.*(?:\r\n[ \t].*)*/im.exec(mixed.slice(0, split))![0];
  // S/MIME signs the canonical form: every line ending CRLF, as mail servers deliver it.
  const entity = `${contentType}\r\n\r\n${mixed.slice(split + 4)}`
    .replace(/\r?\n/g, '\r\n')
    .replace(/\r\n$/, '');
  const signature = signDetached(Buffer.from(entity, 'latin1'), options.signedBy);
  const signed = options.tamper
    ? entity.replace('Messaggio di posta certificata', 'Messaggio di posta certificatA')
    : entity;
  const boundary = `pec-${process.hrtime.bigint()}`;
  const head = [
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    `From: "Per conto di: ${inner.from}" <${options.envelopeFrom ?? 'posta-certificata@pec.example.it'}>`,
    `Reply-To: ${inner.from}`,
    `To: ${options.office}`,
    `Subject: POSTA CERTIFICATA: ${inner.subject}`,
    `Date: ${new Date(at.getTime() + 5_000).toUTCString()}`,
    `Message-ID: <${id}>`,
    ...(inner.messageId ? [`X-Riferimento-Message-ID: ${inner.messageId}`] : []),
    'X-Trasporto: posta-certificata',
    'MIME-Version: 1.0',
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="${boundary}"`,
  ].join('\r\n');
  const p7s = signature.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `${head}\r\n\r\n--${boundary}\r\n${signed}\r\n--${boundary}\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="smime.p7s"\r\n\r\n${p7s}\r\n--${boundary}--\r\n`,
    'latin1',
  );
}
