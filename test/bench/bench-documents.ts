import { contractFields } from '../../domain/contracts/contract-fields.js';
import { ContractTemplates } from '../../documents/contract-templates.js';
import { LibreOfficePdf } from '../../documents/libreoffice-pdf.js';
import { spendingChartPng } from '../../documents/spending-chart.js';
import { spendingWorkbook } from '../../documents/spending-workbook.js';
import type { SpendingRow } from '../../services/calendar/quarterly-summaries.js';
import { sadContractSource } from '../domain/draft-fixtures.js';
import { percentile, report, round1 } from './percentiles.js';

// npm run bench:documents [-- --json] — how long the generated documents take: the contract's DOCX
// (written before the approval card is shown), its PDF through LibreOffice when installed, and a
// Comune's quarterly workbook with its chart.
const fillSamples = 200;
const pdfSamples = 10;
const summarySamples = 20;
const rowsPerSummary = 300;

const time = async (work: () => unknown): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const loadMs = await time(() => ContractTemplates.load());
const templates = await ContractTemplates.load();
const fields = contractFields(sadContractSource());
const render = () => templates.render('servizi-domiciliari', fields);
for (let i = 0; i < 20; i += 1) await render(); // warm-up
const fillTimes: number[] = [];
for (let i = 0; i < fillSamples; i += 1) fillTimes.push(await time(render));

const pdf = await LibreOfficePdf.detect();
const pdfTimes: number[] = [];
let firstPdfMs = -1;
if (pdf) {
  const docx = await render();
  // The first conversion starts the office kept running (once per Sportello process).
  firstPdfMs = await time(() => pdf.toPdf(docx));
  for (let i = 0; i < pdfSamples; i += 1) pdfTimes.push(await time(() => pdf.toPdf(docx)));
  pdf.close();
}

const services = ['SAD', 'SADH', 'ADM', 'ADEA', 'SIP', 'SAAP'];
const rows: SpendingRow[] = Array.from({ length: rowsPerSummary }, (_, index) => ({
  beneficiary: `Cognome${index} Nome`,
  taxCode: `BENCHW${String(index).padStart(10, '0')}`,
  service: services[index % services.length]!,
  provider: 'Coop. Sociale Il Girasole',
  committedCents: 500_000 + index * 100,
  quarterCents: 90_000 + index * 10,
  yearToDateCents: 300_000 + index * 50,
}));
const summary = async () => {
  const chartPng = await spendingChartPng(
    'Crema — budget impegnato e speso per servizio',
    services.map((label, index) => ({
      label,
      committedCents: 10_000_000 + index,
      spentCents: 6_000_000 + index,
    })),
  );
  await spendingWorkbook({ title: 'Crema — riepilogo del 3º trimestre 2027', rows, chartPng });
};
await summary(); // warm-up, and exceljs's first load
const summaryTimes: number[] = [];
for (let i = 0; i < summarySamples; i += 1) summaryTimes.push(await time(summary));

report(
  'bench:documents — contract documents and quarterly summaries',
  {
    templatesLoadMs: round1(loadMs),
    contractDocxP50Ms: round1(percentile(fillTimes, 50)),
    contractDocxP95Ms: round1(percentile(fillTimes, 95)),
    contractPdfP50Ms: pdf ? round1(percentile(pdfTimes, 50)) : -1,
    contractPdfP95Ms: pdf ? round1(percentile(pdfTimes, 95)) : -1,
    quarterlySummaryP50Ms: round1(percentile(summaryTimes, 50)),
  },
  {
    pdf: pdf
      ? `LibreOffice ${(await pdf.usesWarmOffice()) ? 'kept running (unoconv)' : 'started per document (no unoconv)'}, ${pdfSamples} conversions after a first one of ${Math.round(firstPdfMs)} ms`
      : 'LibreOffice not installed: -1',
    data: `${fillSamples} contract fills; summaries of ${rowsPerSummary} rows with a 6-service chart (PNG + XLSX)`,
  },
);
