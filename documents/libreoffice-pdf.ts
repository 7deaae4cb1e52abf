import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { PdfConverter } from '../services/contracts/contract-drafts.js';

const run = promisify(execFile);

/**
 * LibreOffice in headless mode, found at start-up. Each conversion gets its own user profile
 * directory: two soffice processes sharing one refuse to run side by side.
 */
export class LibreOfficePdf implements PdfConverter {
  private constructor(
    private readonly executable: string,
    private readonly timeoutMs: number,
  ) {}

  /** The converter when `soffice` (or the given executable) answers, otherwise null. */
  static async detect(executable = 'soffice', timeoutMs = 60_000): Promise<LibreOfficePdf | null> {
    try {
      await run(executable, ['--version'], { timeout: 15_000 });
      return new LibreOfficePdf(executable, timeoutMs);
    } catch {
      return null;
    }
  }

  async toPdf(docx: Uint8Array): Promise<Uint8Array> {
    const work = await mkdtemp(join(tmpdir(), 'sportello-pdf-'));
    try {
      const input = join(work, 'contratto.docx');
      await writeFile(input, docx);
      await run(
        this.executable,
        [
          `-env:UserInstallation=file://${join(work, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          input,
        ],
        { timeout: this.timeoutMs },
      );
      return new Uint8Array(await readFile(join(work, 'contratto.pdf')));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
