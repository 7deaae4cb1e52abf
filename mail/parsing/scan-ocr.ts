import { execFile } from 'node:child_process';
import { runProgram } from './program-runner.js';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ScanReading } from '../../domain/triage/mail-for-triage.js';

const run = promisify(execFile);

/** How scans are read: Tesseract (Italian data) and poppler's pdftoppm, as separate programs. */
export interface OcrOptions {
  readonly tesseract: string;
  readonly pdftoppm: string;
  readonly language: string;
  /** Pages of a scanned PDF read at most (a form is one or two pages). */
  readonly maxPages: number;
  /** Rendering resolution of a PDF page; 200 dpi reads a typed form as well as 300 in two thirds of the time. */
  readonly dpi: number;
  /** Time one program may take on one page before the scan counts as unreadable. */
  readonly pageTimeoutMs: number;
  /** Address space each program may use (prlimit), like the reader threads' memory limit. */
  readonly memoryMb: number;
}

/** The text of a scan, with how sure the reading is; or why it could not be read (Italian). */
export type ScanText = { readonly text: string; readonly scan: ScanReading } | { readonly error: string };

/** Words read with less confidence than this (Tesseract's 0-100) are uncertain. */
const certainConfidence = 85;

/**
 * Finds Tesseract with its Italian data and pdftoppm; null when either is missing (scans then go
 * to staff with the reason). Asked once at start, like LibreOffice.
 */
export async function detectOcr(
  programs: { tesseract?: string; pdftoppm?: string; memoryMb?: number } = {},
): Promise<(OcrOptions & { version: string }) | null> {
  const tesseract = programs.tesseract ?? 'tesseract';
  const pdftoppm = programs.pdftoppm ?? 'pdftoppm';
  try {
    const [languages, version] = await Promise.all([
      run(tesseract, ['--list-langs'], { timeout: 10_000 }),
      run(tesseract, ['--version'], { timeout: 10_000 }),
      run(pdftoppm, ['-v'], { timeout: 10_000 }),
      run('prlimit', ['--version'], { timeout: 10_000 }),
    ]);
    if (!/^ita$/m.test(`${languages.stdout}\n${languages.stderr}`)) return null;
    return {
      tesseract,
      pdftoppm,
      language: 'ita',
      maxPages: 3,
      dpi: 200,
      pageTimeoutMs: 20_000,
      memoryMb: programs.memoryMb ?? 1024,
      version: /tesseract\s+(\S+)/i.exec(version.stdout)?.[1] ?? 'sconosciuta',
    };
  } catch {
    return null;
  }
}

/** OCR of an image attachment (PNG, JPEG, TIFF). */
export async function imageScanText(bytes: Uint8Array, options: OcrOptions): Promise<ScanText> {
  return withScratch(async (dir) => {
    const image = join(dir, 'scan');
    await writeFile(image, bytes);
    const page = await ocrPage(image, options);
    return page ?? { error: 'la scansione non è leggibile' };
  });
}

/** OCR of the pages of a PDF without a text layer, rendered by pdftoppm. */
export async function pdfScanText(bytes: Uint8Array, options: OcrOptions): Promise<ScanText> {
  return withScratch(async (dir) => {
    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, bytes);
    const args = ['-r', String(options.dpi), '-gray', '-png', '-f', '1', '-l', String(options.maxPages)];
    try {
      await runProgram(
        'nice',
        [...lowPriority, 'prlimit', limit(options), options.pdftoppm, ...args, pdf, join(dir, 'page')],
        {
          timeout: options.pageTimeoutMs,
        },
      );
    } catch {
      return { error: 'la scansione PDF non può essere convertita in immagine' };
    }
    const pages = (await readdir(dir)).filter((name) => name.startsWith('page')).sort();
    const texts: string[] = [];
    const uncertain: string[] = [];
    let confidence = 0;
    for (const page of pages) {
      const read = await ocrPage(join(dir, page), options);
      if (!read) return { error: 'la scansione non è leggibile' };
      texts.push(read.text);
      uncertain.push(...read.scan.uncertainWords);
      confidence += read.scan.meanConfidence / pages.length;
    }
    if (texts.length === 0) return { error: 'la scansione PDF non ha pagine' };
    return {
      text: texts.join('\n'),
      scan: { meanConfidence: Math.round(confidence), uncertainWords: uncertain },
    };
  });
}

async function ocrPage(
  image: string,
  options: OcrOptions,
): Promise<{ text: string; scan: ScanReading } | null> {
  try {
    // One thread per page (through env(1), which keeps the rest of the environment): the reader
    // threads already run pages side by side, and Tesseract's own threads only fight over the cores.
    const args = [
      ...lowPriority,
      'env',
      'OMP_THREAD_LIMIT=1',
      options.tesseract,
      image,
      '-',
      '-l',
      options.language,
      '--psm',
      '4',
      'tsv',
    ];
    const { stdout } = await runProgram('nice', args, {
      timeout: options.pageTimeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return fromTsv(stdout);
  } catch {
    return null;
  }
}

// OCR is the heaviest work and may wait: at a lower priority (nice(1), coreutils) it never takes the
// cores from the event loop that answers the bot and commits the intake, nor from its collector.
const lowPriority = ['-n', '10'];

/** prlimit's bound on a program's address space (util-linux, like env(1) always there on Debian). */
function limit(options: OcrOptions): string {
  return `--as=${options.memoryMb * 1024 * 1024}`;
}

/** Tesseract's TSV (one row per word with its line and confidence) as lines of text. */
function fromTsv(tsv: string): { text: string; scan: ScanReading } {
  const lines = new Map<string, string[]>();
  const uncertainWords: string[] = [];
  let total = 0;
  let words = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const [level, page, block, paragraph, line, , , , , , conf, text] = row.split('\t');
    if (level !== '5' || !text?.trim()) continue;
    const key = `${page}/${block}/${paragraph}/${line}`;
    lines.set(key, [...(lines.get(key) ?? []), text.trim()]);
    const confidence = Number(conf);
    total += confidence;
    words += 1;
    if (confidence < certainConfidence) uncertainWords.push(text.trim());
  }
  const text = [...lines.values()].map((line) => tickBoxes(line.join(' '))).join('\n');
  return { text, scan: { meanConfidence: words ? Math.round(total / words) : 0, uncertainWords } };
}

// A ticked box reads as [X], [x], |X], (X)…, an empty one as [], [ ], |], LI…: both made the form's ☒ / ☐.
function tickBoxes(line: string): string {
  return line
    .replace(/^[[(|IlL1]\s*[xX×✓✔]\s*[\])|IlJ1]\s*/, '☒ ')
    .replace(/^(\[\s*\]|\(\s*\)|\|\s*\]|\[\s*\||LI|\[J|\[1)\s*/, '☐ ');
}

async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'sportello-ocr-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
