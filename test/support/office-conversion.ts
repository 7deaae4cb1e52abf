import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A document saved by LibreOffice in another format (`odt`, `doc`), as a Comune's office would
 * save it: the real writer's output, made at test time with its own profile directory.
 */
export function savedByLibreOffice(docx: Uint8Array, format: 'odt' | 'doc'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-office-'));
  const input = join(dir, 'modulo.docx');
  writeFileSync(input, docx);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      format,
      '--outdir',
      dir,
      input,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return readFileSync(join(dir, `modulo.${format}`));
}
