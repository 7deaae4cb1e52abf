import { compareDates, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { formatEuro } from '../../domain/money.js';
import type { CalendarDuty } from '../../domain/schedule/calendar-duties.js';
import type { CalendarStore, DutyDelivery, QuarterlySummaries } from './calendar-tick.js';
import { deliveryOf, type OfficeIdentity } from './duty-delivery.js';

/** A project of a Comune with its ledger, for the summary. */
export interface MunicipalityProject {
  readonly beneficiary: string;
  readonly taxCode: string;
  readonly service: string;
  readonly provider: string;
  readonly ledger: { readonly project: LedgerProject; readonly months: readonly ImportedMonth[] };
}

/** What the summaries need from the database. */
export interface SpendingStore {
  projectsOf(municipalityId: string, from: CalendarDate, to: CalendarDate): Promise<MunicipalityProject[]>;
}

/** One beneficiary's project in a Comune's quarterly summary. */
export interface SpendingRow {
  readonly beneficiary: string;
  readonly taxCode: string;
  readonly service: string;
  readonly provider: string;
  readonly committedCents: number;
  readonly quarterCents: number;
  readonly yearToDateCents: number;
  /** Day centres: the district fund's share (FUD) of the year's attendance, beside the Comune's. */
  readonly districtFundCents?: number;
}

/** Writes a Comune's quarterly workbook (the rows and a chart of committed vs spent per service) and the chart as an image. */
export interface SpendingWorkbookWriter {
  write(input: {
    title: string;
    chartTitle: string;
    rows: readonly SpendingRow[];
  }): Promise<{ workbook: Uint8Array; chartPng: Uint8Array }>;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The quarterly spending summary (disciplinare, SAD FASE 9): for each Comune a workbook with one
 * row per beneficiary and the chart of committed vs spent per service, e-mailed to the Comune;
 * staff get the list of what went where.
 */
export class QuarterlySpendingSummaries implements QuarterlySummaries {
  constructor(
    private readonly store: SpendingStore,
    private readonly calendar: Pick<CalendarStore, 'municipalitiesActiveIn'>,
    private readonly office: OfficeIdentity,
    private readonly documents: SpendingWorkbookWriter,
  ) {}

  async deliveries(duty: CalendarDuty): Promise<DutyDelivery[]> {
    const { from, to } = duty.quarter!;
    const [year, quarter] = duty.period.split('-T');
    const label = `${quarter}° trimestre ${year}`;
    const yearStart = `${to.slice(0, 4)}-01-01` as CalendarDate;
    const deliveries: DutyDelivery[] = [];
    const lines: string[] = [];
    for (const municipality of await this.calendar.municipalitiesActiveIn(from, to)) {
      const projects = await this.store.projectsOf(municipality.id, from, to);
      const rows: SpendingRow[] = projects.map((project) => {
        const yearToDate = spentBetween(project, yearStart, to);
        return {
          beneficiary: project.beneficiary,
          taxCode: project.taxCode,
          service: project.service,
          provider: project.provider,
          committedCents: project.ledger.project.committedCents,
          quarterCents: spentBetween(project, from, to).spentCents,
          yearToDateCents: yearToDate.spentCents,
          districtFundCents: yearToDate.districtFundCents,
        };
      });
      const title = `Comune di ${municipality.name} – riepilogo della spesa, ${label}`;
      const chartTitle = `Comune di ${municipality.name} – spesa al ${formatShortItalianDate(to)}`;
      const { workbook, chartPng } = await this.documents.write({ title, chartTitle, rows });
      const key = `duty:quarterly_summary:${duty.period}:municipality:${municipality.id}`;
      const committed = rows.reduce((total, row) => total + row.committedCents, 0);
      const spent = rows.reduce((total, row) => total + row.yearToDateCents, 0);
      const outbox = deliveryOf(
        { ...municipality, inTeams: false },
        key,
        {
          subject: `Riepilogo trimestrale della spesa – ${label} – Comune di ${municipality.name}`,
          paragraphs: [
            `Spett.le Comune di ${municipality.name},`,
            `si trasmette il riepilogo della spesa per beneficiario al ${formatShortItalianDate(to)} (${rows.length} progetti): speso dall'inizio dell'anno ${formatEuro(spent)} su ${formatEuro(committed)} impegnati.`,
            'Il foglio di calcolo allegato riporta il dettaglio per beneficiario e il grafico per servizio. Contiene dati personali, anche di categorie particolari: va conservato e trattato con riservatezza.',
          ],
        },
        this.office,
        [
          {
            filename: `riepilogo-${duty.period}-${municipality.id}.xlsx`,
            contentType: xlsxType,
            contentBase64: Buffer.from(workbook).toString('base64'),
          },
          {
            filename: `grafico-${duty.period}-${municipality.id}.png`,
            contentType: 'image/png',
            contentBase64: Buffer.from(chartPng).toString('base64'),
          },
        ],
      );
      deliveries.push({ idempotencyKey: key, recipient: `municipality:${municipality.id}`, outbox });
      lines.push(
        `• ${municipality.name}: ${formatEuro(spent)} su ${formatEuro(committed)}${outbox ? '' : ' (nessun ufficio registrato a cui scrivere: inviare a mano)'}`,
      );
    }
    const staffKey = `duty:quarterly_summary:${duty.period}:staff`;
    deliveries.push({
      idempotencyKey: staffKey,
      recipient: 'staff',
      outbox: deliveryOf(
        { kind: 'staff', id: 'ufficio', name: 'Ufficio Amministrazione', email: null, inTeams: true },
        staffKey,
        {
          subject: `Riepiloghi trimestrali della spesa – ${label}`,
          paragraphs: [
            `Inviati ai Comuni ${lines.length} riepiloghi (speso dall'inizio dell'anno su impegnato):`,
            lines.join('\n'),
          ],
        },
        this.office,
      ),
    });
    return deliveries;
  }
}

/** The Comune's spending of the months between the two dates, and the FUD's share of them (day centres). */
function spentBetween(project: MunicipalityProject, from: CalendarDate, to: CalendarDate) {
  const inRange = project.ledger.months.filter((month) => {
    const first = `${month.year}-${String(month.month).padStart(2, '0')}-01` as CalendarDate;
    return compareDates(first, from) >= 0 && compareDates(first, to) <= 0;
  });
  return projectLedger(project.ledger.project, inRange);
}
