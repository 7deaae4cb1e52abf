import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and its certificate, as files openssl wrote. */
export type Signer = { dir: string; key: string; cert: string };

function openssl(dir: string, ...args: string[]) {
  return execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/**
 * A throw-away key and certificate for `subject` (an openssl `-subj`, kept as written), valid from
 * 2000 to 2099 so that fixtures of any date fall within, issued by `issuer` or by itself;
 * `extensions`: `ca_ext` (a CA) or `signer_ext` (a signing certificate).
 */
export function testCertificate(
  subject: string,
  issuer: Signer | null,
  extensions: 'ca_ext' | 'signer_ext',
): Signer {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), `${process.hrtime.bigint().toString(16).padStart(16, '0')}\n`);
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
      'copy_extensions = none',
      '[anything]',
      'countryName = optional',
      'organizationName = optional',
      'commonName = supplied',
      'surname = optional',
      'givenName = optional',
      'serialNumber = optional',
      '[ca_ext]',
      'basicConstraints = critical, CA:true',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '[signer_ext]',
      'basicConstraints = critical, CA:false',
      'keyUsage = critical, digitalSignature, nonRepudiation',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
    ].join('\n'),
  );
  openssl(dir, 'genrsa', '-out', key, '2048');
  openssl(dir, 'req', '-new', '-key', key, '-subj', subject, '-out', join(dir, 'req.csr'));
  openssl(
    dir,
    'ca',
    '-batch',
    ...(issuer ? ['-cert', issuer.cert, '-keyfile', issuer.key] : ['-selfsign', '-keyfile', key]),
    '-config',
    join(dir, 'ca.cnf'),
    '-extensions',
    extensions,
    '-in',
    join(dir, 'req.csr'),
    '-out',
    cert,
    '-startdate',
    '20000101000000Z',
    '-enddate',
    '20991231000000Z',
  );
  return { dir, key, cert };
}
