import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { pdfWithLines } from './compose-mail.js';

/** Where a character of one line of the form is to be smudged, as a pen or a bad scanner does. */
export interface Smudge {
  /** The start of the line (e.g. `CODICE FISCALE`). */
  readonly line: string;
  /** The position of the character in the line. */
  readonly at: number;
}

/** The form printed (as `pdfWithLines` lays it out), perhaps smudged, then scanned: a grey PNG page. */
export async function scannedPage(lines: string[], smudge?: Smudge): Promise<Buffer> {
  let pdf = await pdfWithLines(lines);
  if (smudge) pdf = await smudged(pdf, lines, smudge);
  const dir = mkdtempSync(join(tmpdir(), 'sportello-scan-'));
  writeFileSync(join(dir, 'form.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-r',
    '150',
    '-gray',
    '-png',
    '-singlefile',
    join(dir, 'form.pdf'),
    join(dir, 'page'),
  ]);
  return readFileSync(join(dir, 'page.png'));
}

/** A PDF holding only the picture of a page, as an office scanner writes it (no text layer). */
export async function imageOnlyPdf(png: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([595, 842]);
  page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return pdf.save();
}

// pdfWithLines writes 10-point Helvetica from x 40, y 800, 14 points a line.
async function smudged(bytes: Uint8Array, lines: string[], smudge: Smudge): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const index = lines.findIndex((line) => line.startsWith(smudge.line));
  if (index < 0) throw new Error(`no line starts with ${smudge.line}`);
  const text = lines[index]!;
  const x = 40 + font.widthOfTextAtSize(text.slice(0, smudge.at), 10);
  const width = font.widthOfTextAtSize(text.charAt(smudge.at), 10);
  const page = pdf.getPage(0);
  page.drawRectangle({
    x: x - 0.5,
    y: 800 - 14 * index - 2,
    width: width + 1,
    height: 10,
    color: rgb(0.35, 0.35, 0.35),
  });
  return pdf.save();
}
