import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let signer: { dir: string; key: string; cert: string } | null = null;

/**
 * A throw-away signer like an Italian qualified certificate: CN with the name, serialNumber
 * `TINIT-<codice fiscale>`, made once per test process with the openssl command line.
 */
function responsabile() {
  if (signer) return signer;
  const dir = mkdtempSync(join(tmpdir(), 'sportello-cades-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '36500',
      '-subj',
      '/C=IT/O=Comune di Crema/CN=ROSSI LAURA/SN=ROSSI/GN=LAURA/serialNumber=TINIT-RSSLRA80A41D142P',
    ],
    { stdio: 'pipe' },
  );
  signer = { dir, key, cert };
  return signer;
}

/**
 * `content` signed CAdES-BES with the content inside (a `.p7m`), DER or base64 as offices send it;
 * by the self-certified Responsabile, or by `signer` (e.g. one holding a qualified certificate).
 */
export function signAttached(
  content: Uint8Array,
  encoding: 'der' | 'base64' = 'der',
  signer: { dir: string; key: string; cert: string } = responsabile(),
): Buffer {
  const { dir, key, cert } = signer;
  const input = join(dir, `content-${process.hrtime.bigint()}.bin`);
  writeFileSync(input, content);
  const output = `${input}.p7m`;
  execFileSync(
    'openssl',
    ['cms', '-sign', '-cades', '-binary', '-nodetach', '-md', 'sha256', '-in', input, '-signer', cert].concat(
      ['-inkey', key, '-outform', 'DER', '-out', output],
    ),
    { stdio: 'pipe' },
  );
  const der = readFileSync(output);
  return encoding === 'der' ? der : Buffer.from(der.toString('base64').replace(/(.{64})/g, '$1\r\n'));
}

/** A signed file whose content was changed after signing: one byte of `marker` in it altered. */
export function tampered(signed: Buffer, marker: string): Buffer {
  const at = signed.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in the signed file`);
  const copy = Buffer.from(signed);
  copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
  return copy;
}
