import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeEml } from './compose-mail.js';

let provider: { dir: string; key: string; cert: string } | null = null;

/**
 * A throw-away "PEC provider": a key and a self-signed certificate valid from 2000 to 2099 (so that
 * fixtures of any date are within it), made once per test process with the openssl command line.
 */
function testProvider() {
  if (provider) return provider;
  const dir = mkdtempSync(join(tmpdir(), 'sportello-pec-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      `database = ${dir}/index.txt`,
      `new_certs_dir = ${dir}`,
      `serial = ${dir}/serial`,
      'default_md = sha256',
      'policy = anything',
      'email_in_dn = no',
      '[anything]',
      'commonName = supplied',
    ].join('\n'),
  );
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('genrsa', '-out', key, '2048');
  openssl('req', '-new', '-key', key, '-subj', '/CN=Gestore PEC di prova', '-out', join(dir, 'req.csr'));
  openssl(
    'ca',
    '-batch',
    '-selfsign',
    '-config',
    join(dir, 'ca.cnf'),
    '-keyfile',
    key,
    '-in',
    join(dir, 'req.csr'),
    '-out',
    cert,
    '-startdate',
    '20000101000000Z',
    '-enddate',
    '20991231000000Z',
  );
  provider = { dir, key, cert };
  return provider;
}

/** A detached CMS signature (smime.p7s, DER) of `content`, by the test PEC provider. */
export function signDetached(content: Uint8Array): Buffer {
  const { dir, key, cert } = testProvider();
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
  const signature = signDetached(Buffer.from(entity, 'latin1'));
  const signed = options.tamper
    ? entity.replace('Messaggio di posta certificata', 'Messaggio di posta certificatA')
    : entity;
  const boundary = `pec-${process.hrtime.bigint()}`;
  const head = [
    `From: "Per conto di: ${inner.from}" <posta-certificata@pec.example.it>`,
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
