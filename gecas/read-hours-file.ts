import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { HoursFileReader } from '../services/hours/hours-importer.js';
import { columnOfHeader, parseHourRow, type HourColumn, type RawHourRow } from './hours-file-rows.js';

/** The rows of a Gecas export, or the reason the file as a whole cannot be read. */
export type ReadHoursFileResult =
  { readonly ok: true; readonly rows: RawHourRow[] } | { readonly ok: false; readonly error: string };

/** Reads a `;`-separated CSV (UTF-8 or Windows-1252, as Italian office software saves it) or an XLSX. */
export async function readHoursFile(fileName: string, content: Uint8Array): Promise<ReadHoursFileResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(content);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(content);
  return {
    ok: false,
    error: 'Formato non riconosciuto: usare un file .csv (separato da punto e virgola) o .xlsx.',
  };
}

function readCsv(content: Uint8Array): ReadHoursFileResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder('windows-1252').decode(content);
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    return { ok: false, error: `Il file CSV non è leggibile: ${(error as Error).message}` };
  }
  return toRows(records.map((cells, index) => ({ line: index + 1, cells })));
}

async function readXlsx(content: Uint8Array): Promise<ReadHoursFileResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch (error) {
    return { ok: false, error: `Il file Excel non è leggibile: ${(error as Error).message}` };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: 'Il file Excel non contiene fogli.' };
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    lines.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return toRows(lines);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel keeps numbers as numbers: write them with a decimal comma like the CSV export does.
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((part) => part.text).join('');
  return String(value).trim();
}

function toRows(lines: { line: number; cells: string[] }[]): ReadHoursFileResult {
  const nonEmpty = lines.filter((line) => line.cells.some((cell) => cell.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return { ok: false, error: 'Il file è vuoto.' };
  const columns = header.cells.map((cell) => columnOfHeader(cell));
  const counted = (['hours', 'fullTimeDays', 'partTimeDays'] as HourColumn[]).some((column) =>
    columns.includes(column),
  );
  const missing = (['taxCode', 'service', 'year', 'month'] as HourColumn[]).filter(
    (column) => !columns.includes(column),
  );
  if (missing.length > 0 || !counted) {
    return {
      ok: false,
      error: `Intestazione non valida alla riga ${header.line}: servono le colonne codice_fiscale, servizio, anno, mese e ore (o, per i centri diurni, giornate_full_time e giornate_part_time) (mancano: ${[...missing, ...(counted ? [] : ['hours'])].join(', ')}).`,
    };
  }
  const rows = nonEmpty.slice(1).map((line) => {
    const values: Partial<Record<HourColumn, string>> = {};
    columns.forEach((column, index) => {
      if (column) values[column] = line.cells[index] ?? '';
    });
    return { line: line.line, values };
  });
  return { ok: true, rows };
}

/** The Gecas export as the hours import reads it: the file's rows, each understood or with its errors. */
export const gecasHoursFile: HoursFileReader = {
  async read(fileName, content) {
    const read = await readHoursFile(fileName, content);
    if (!read.ok) return read;
    return {
      ok: true,
      rows: read.rows.map((raw) => {
        const parsed = parseHourRow(raw);
        return 'errors' in parsed ? { line: raw.line, errors: parsed.errors } : parsed;
      }),
    };
  },
};
