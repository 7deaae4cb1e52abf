import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { PdfConverter } from '../services/contracts/contract-drafts.js';
import { WarmOffice } from './warm-office.js';

const run = promisify(execFile);

/**
 * LibreOffice in headless mode, found at start-up. With unoconv installed one office is kept
 * running and each conversion is handed to it (`WarmOffice`); without it each conversion starts
 * soffice with its own user profile directory (two soffice processes sharing one refuse to run
 * side by side), which costs a whole office start per document.
 */
export class LibreOfficePdf implements PdfConverter {
  private constructor(
    private readonly executable: string,
    private readonly timeoutMs: number,
    private readonly warm: WarmOffice | null,
  ) {}

  /** The converter when `soffice` (or the given executable) answers, otherwise null. */
  static async detect(executable = 'soffice', timeoutMs = 60_000): Promise<LibreOfficePdf | null> {
    try {
      const [, warm] = await Promise.all([
        run(executable, ['--version'], { timeout: 15_000 }),
        executable === 'soffice' ? WarmOffice.detect() : null,
      ]);
      return new LibreOfficePdf(executable, timeoutMs, warm);
    } catch {
      return null;
    }
  }

  /** Whether conversions go to an office kept running. */
  get isWarm(): boolean {
    return this.warm !== null;
  }

  /** Stops the office kept running, if any. */
  close(): void {
    this.warm?.stop();
  }

  async toPdf(docx: Uint8Array): Promise<Uint8Array> {
    const work = await mkdtemp(join(tmpdir(), 'sportello-pdf-'));
    try {
      const input = join(work, 'contratto.docx');
      await writeFile(input, docx);
      if (this.warm) {
        await this.warm.convert(input, join(work, 'contratto.pdf'), this.timeoutMs);
        return new Uint8Array(await readFile(join(work, 'contratto.pdf')));
      }
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
