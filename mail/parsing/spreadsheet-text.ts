import type { DocumentText } from './document-text.js';
import type { MailLimits } from './mail-limits.js';
import { odtText } from './office-document-text.js';
import { inspectZip } from './zip-inspection.js';

/** Rows read from a spreadsheet at most: a Comune's detail of users is a few hundred lines. */
const maxRows = 5_000;

/**
 * The text of a spreadsheet attached to a message (a forecast's «prospetto di dettaglio degli
 * utenti»): one line per row, its cells separated by tabs. XLSX through exceljs after the zip
 * limits a DOCX has; ODS as OpenDocument; CSV as it is.
 */
export async function spreadsheetText(
  bytes: Uint8Array,
  format: 'xlsx' | 'ods' | 'csv',
  limits: MailLimits,
): Promise<DocumentText> {
  if (format === 'csv') return { text: new TextDecoder('utf-8').decode(bytes) };
  if (format === 'ods') {
    const read = odtText(bytes, limits);
    return 'error' in read ? { error: read.error.replace('documento ODT', 'foglio di calcolo ODS') } : read;
  }
  const zip = inspectZip(bytes);
  if (!zip) return { error: 'il foglio Excel è danneggiato o protetto da password' };
  if (zip.uncompressedBytes > limits.maxDocxUncompressedBytes || zip.entries > 5_000)
    return { error: 'il foglio Excel decompresso supera i limiti consentiti' };
  try {
    // Loaded on first use: exceljs costs a third of a second, and few messages carry a workbook.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const lines: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow({ includeEmpty: false }, (row) => {
        if (lines.length >= maxRows) return;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text.trim()));
        lines.push(cells.join('\t'));
      });
    }
    return { text: lines.join('\n') };
  } catch {
    return { error: 'il foglio Excel è danneggiato o non leggibile' };
  }
}
