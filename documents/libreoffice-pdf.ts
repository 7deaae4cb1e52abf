import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { PdfConverter } from '../services/contracts/contract-drafts.js';
import { runFromThisProcess, WarmOffice, type RunProgram } from './warm-office.js';

/**
 * LibreOffice in headless mode, found at start-up. With unoconv installed one office is kept
 * running and each conversion is handed to it (`WarmOffice`); without it each conversion starts
 * soffice with its own user profile directory (two soffice processes sharing one refuse to run
 * side by side), which costs a whole office start per document.
 */
export class LibreOfficePdf implements PdfConverter {
  /** Looked for at the first conversion, not at start-up: two Python processes cost a start ~0.5 s of CPU. */
  private warm: Promise<WarmOffice | null> | null = null;

  private constructor(
    private readonly executable: string,
    private readonly timeoutMs: number,
    private readonly runProgram: RunProgram,
  ) {}

  /** The converter when `soffice` (or the given executable) answers, otherwise null. */
  static async detect(
    options: { executable?: string; timeoutMs?: number; runProgram?: RunProgram } = {},
  ): Promise<LibreOfficePdf | null> {
    const { executable = 'soffice', timeoutMs = 60_000, runProgram = runFromThisProcess } = options;
    try {
      await runProgram(executable, ['--version'], { timeout: 15_000 });
      return new LibreOfficePdf(executable, timeoutMs, runProgram);
    } catch {
      return null;
    }
  }

  /** Whether conversions go to an office kept running (unoconv installed). */
  async usesWarmOffice(): Promise<boolean> {
    return (await this.warmOffice()) !== null;
  }

  /** Stops the office kept running, if any. */
  close(): void {
    void this.warm?.then((office) => office?.stop());
  }

  private warmOffice(): Promise<WarmOffice | null> {
    this.warm ??= this.executable === 'soffice' ? WarmOffice.detect(this.runProgram) : Promise.resolve(null);
    return this.warm;
  }

  async toPdf(docx: Uint8Array): Promise<Uint8Array> {
    const work = await mkdtemp(join(tmpdir(), 'sportello-pdf-'));
    try {
      const input = join(work, 'contratto.docx');
      await writeFile(input, docx);
      const warm = await this.warmOffice();
      if (warm) {
        await warm.convert(input, join(work, 'contratto.pdf'), this.timeoutMs);
        return new Uint8Array(await readFile(join(work, 'contratto.pdf')));
      }
      await this.runProgram(
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
