import type { SpendingRow, SpendingWorkbookWriter } from '../services/calendar/quarterly-summaries.js';
import { spendingChartPng, type SpendingBar } from './spending-chart.js';
const euroFormat = '#,##0.00 "€"';

/**
 * The quarterly spending summary of one Comune as an XLSX workbook: one row per beneficiary and
 * project, the totals, and the chart of committed vs spent per service.
 */
export async function spendingWorkbook(input: {
  readonly title: string;
  readonly rows: readonly SpendingRow[];
  readonly chartPng: Uint8Array;
}): Promise<Uint8Array> {
  // Loaded on first use: exceljs alone costs a third of a second of start-up, for a quarterly job.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Comunità Sociale Cremasca a.s.c.';
  const sheet = workbook.addWorksheet('Riepilogo', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.getCell('A1').value = input.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getRow(3).values = [
    'Beneficiario',
    'Codice fiscale',
    'Servizio',
    'Ente',
    'Budget impegnato',
    'Speso nel trimestre',
    "Speso dall'inizio dell'anno",
    'Residuo',
    'Utilizzo',
    'Quota FUD (centri diurni)',
  ];
  sheet.getRow(3).font = { bold: true };
  sheet.columns = [
    { width: 28 },
    { width: 19 },
    { width: 10 },
    { width: 30 },
    { width: 18 },
    { width: 18 },
    { width: 22 },
    { width: 16 },
    { width: 10 },
    { width: 22 },
  ];
  input.rows.forEach((row, index) => {
    const excelRow = sheet.getRow(4 + index);
    excelRow.values = [
      row.beneficiary,
      row.taxCode,
      row.service,
      row.provider,
      row.committedCents / 100,
      row.quarterCents / 100,
      row.yearToDateCents / 100,
      (row.committedCents - row.yearToDateCents) / 100,
      row.committedCents > 0 ? row.yearToDateCents / row.committedCents : 0,
      row.districtFundCents ? row.districtFundCents / 100 : null,
    ];
    for (const column of [5, 6, 7, 8, 10]) excelRow.getCell(column).numFmt = euroFormat;
    excelRow.getCell(9).numFmt = '0.0%';
  });
  const totalRow = sheet.getRow(4 + input.rows.length);
  const sum = (pick: (row: SpendingRow) => number) =>
    input.rows.reduce((total, row) => total + pick(row), 0) / 100;
  totalRow.values = [
    'Totale',
    '',
    '',
    '',
    sum((row) => row.committedCents),
    sum((row) => row.quarterCents),
    sum((row) => row.yearToDateCents),
    sum((row) => row.committedCents - row.yearToDateCents),
    '',
    sum((row) => row.districtFundCents ?? 0),
  ];
  totalRow.font = { bold: true };
  for (const column of [5, 6, 7, 8, 10]) totalRow.getCell(column).numFmt = euroFormat;

  const image = workbook.addImage({ buffer: Buffer.from(input.chartPng) as never, extension: 'png' });
  sheet.addImage(image, { tl: { col: 0, row: input.rows.length + 6 }, ext: { width: 900, height: 420 } });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The quarterly workbook with its chart, as the calendar's summaries ask for it. */
export const spendingWorkbookWriter: SpendingWorkbookWriter = {
  async write({ title, chartTitle, rows }) {
    const chartPng = await spendingChartPng(chartTitle, barsByService(rows));
    return { workbook: await spendingWorkbook({ title, rows, chartPng }), chartPng };
  },
};

/** Committed vs spent since January, summed per service. */
function barsByService(rows: readonly SpendingRow[]): SpendingBar[] {
  const byService = new Map<string, SpendingBar>();
  for (const row of rows) {
    const bar = byService.get(row.service) ?? { label: row.service, committedCents: 0, spentCents: 0 };
    byService.set(row.service, {
      label: row.service,
      committedCents: bar.committedCents + row.committedCents,
      spentCents: bar.spentCents + row.yearToDateCents,
    });
  }
  return [...byService.values()];
}
