import type { DigitalSigner, MailText } from '../../domain/triage/mail-for-triage.js';
import { imageScanText, pdfScanText, type OcrOptions } from './scan-ocr.js';

/** An attachment that holds only a picture of its text: an image, or a PDF without a text layer. */
export interface ScanCandidate {
  readonly source: string;
  readonly kind: 'pdf' | 'image';
  readonly content: Uint8Array;
  /** Who signed it, when it came in a `.p7m` (a scan signed afterwards). */
  readonly signers: readonly DigitalSigner[];
  /** Where its text goes among the message's texts: forms keep the order of the attachments. */
  readonly position: number;
}

/** What the collector of a message's contents holds, as the scans need it. */
interface CollectedContent {
  readonly texts: MailText[];
  readonly unreadable: { source: string; reason: string }[];
  readonly scans: readonly ScanCandidate[];
}

/** Scans read at most per message: a Comune sends a form or a few, not an album. */
const maxScansPerMessage = 3;

/** Whether a PDF's text is too little to be a typed document: a scanned page has none. */
export function hasNoTextLayer(text: string): boolean {
  return text.replace(/\s+/g, '').length < 20;
}

/**
 * Reads the scans of a message with OCR (a scan beside a typed form may be another form, or the
 * same one printed: triage counts the same form once). Without OCR installed, a scan is unreadable
 * with that reason, so that a person reads it.
 */
export async function readScans(collected: CollectedContent, ocr: OcrOptions | null): Promise<void> {
  const read: { position: number; text: MailText }[] = [];
  for (const scan of collected.scans.slice(0, maxScansPerMessage)) {
    if (!ocr) {
      collected.unreadable.push({
        source: scan.source,
        reason: 'scansione non leggibile: OCR non installato',
      });
      continue;
    }
    const result =
      scan.kind === 'pdf' ? await pdfScanText(scan.content, ocr) : await imageScanText(scan.content, ocr);
    if ('error' in result) collected.unreadable.push({ source: scan.source, reason: result.error });
    else
      read.push({
        position: scan.position,
        text: {
          source: scan.source,
          text: result.text,
          scan: result.scan,
          ...(scan.signers.length > 0 ? { signers: scan.signers } : {}),
        },
      });
  }
  // From the last, so that the positions of the earlier ones still hold.
  for (const { position, text } of read.reverse()) collected.texts.splice(position, 0, text);
}
