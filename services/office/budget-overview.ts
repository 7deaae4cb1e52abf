import { isStaff } from '../access/refusal.js';
import { romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { projectLedger, type ProjectLedger } from '../../domain/costs/project-ledger.js';
import type { Caller } from '../access/caller.js';
import type { SpendingStore, SpendingWorkbookWriter } from '../calendar/quarterly-summaries.js';

/** One project of a Comune with its ledger today. */
export interface BudgetRow {
  readonly beneficiary: string;
  readonly taxCode: string;
  readonly service: string;
  readonly provider: string;
  readonly ledger: ProjectLedger;
}

/** A Comune's spending at a glance: its projects, and the totals per service (the chart's bars). */
export interface BudgetView {
  readonly municipality: { readonly id: string; readonly name: string };
  readonly municipalities: readonly { readonly id: string; readonly name: string }[];
  readonly year: number;
  readonly rows: readonly BudgetRow[];
  readonly byService: readonly { service: string; committedCents: number; spentCents: number }[];
  readonly committedCents: number;
  readonly spentCents: number;
}

/** One Comune's totals in the Ambito overview. */
export interface MunicipalityBudget {
  readonly id: string;
  readonly name: string;
  readonly projects: number;
  readonly committedCents: number;
  readonly spentCents: number;
  readonly shareUsedBasisPoints: number;
  /** Projects past 80% of their budget or projected beyond it. */
  readonly alerts: number;
}

/** Every Comune with projects this year, for staff. */
export interface AmbitoBudget {
  readonly year: number;
  readonly rows: readonly MunicipalityBudget[];
}

/**
 * «Budget» (issue #16): a Comune's projects of the year with committed, spent, remaining, share
 * used, projection and the 80% threshold (the same ledger as the bot and the alerts), the totals
 * per service, and the quarterly workbook to download. Staff choose any Comune; a social worker
 * sees her own only; providers do not have this page.
 */
export class BudgetOverview {
  constructor(
    private readonly store: SpendingStore,
    private readonly municipalities: () => Promise<{ id: string; name: string }[]>,
    private readonly workbooks: SpendingWorkbookWriter,
    private readonly clock: () => Date,
  ) {}

  /**
   * Staff's first view (issue 24, point 8): every Comune of the Ambito with projects this year, its
   * committed and spent totals, the share used and how many projects raise an alert, to drill into.
   * Null for anyone but staff.
   */
  async overview(caller: Caller): Promise<AmbitoBudget | null> {
    if (!isStaff(caller)) return null;
    const today = romeDateOf(this.clock());
    const year = Number(today.slice(0, 4));
    const rows: MunicipalityBudget[] = [];
    for (const municipality of await this.municipalities()) {
      const projects = await this.store.projectsOf(municipality.id, `${year}-01-01` as CalendarDate, today);
      if (projects.length === 0) continue;
      const ledgers = projects.map((project) =>
        projectLedger(project.ledger.project, project.ledger.months, undefined, today),
      );
      const committedCents = ledgers.reduce((sum, ledger) => sum + ledger.committedCents, 0);
      const spentCents = ledgers.reduce((sum, ledger) => sum + ledger.spentCents, 0);
      rows.push({
        ...municipality,
        projects: projects.length,
        committedCents,
        spentCents,
        shareUsedBasisPoints: committedCents > 0 ? Math.round((spentCents / committedCents) * 10_000) : 0,
        alerts: ledgers.filter((ledger) => ledger.thresholdReached || ledger.projectedOverrun).length,
      });
    }
    return { year, rows };
  }

  async view(caller: Caller, requested: string | null): Promise<BudgetView | null> {
    const allowed = await this.allowedMunicipalities(caller);
    const municipality = allowed.find((candidate) => candidate.id === requested) ?? allowed[0];
    if (!municipality) return null;
    const today = romeDateOf(this.clock());
    const year = Number(today.slice(0, 4));
    const projects = await this.store.projectsOf(municipality.id, `${year}-01-01` as CalendarDate, today);
    const rows = projects.map((project) => ({
      beneficiary: project.beneficiary,
      taxCode: project.taxCode,
      service: project.service,
      provider: project.provider,
      ledger: projectLedger(project.ledger.project, project.ledger.months, undefined, today),
    }));
    const services = new Map<string, { service: string; committedCents: number; spentCents: number }>();
    for (const row of rows) {
      const total = services.get(row.service) ?? { service: row.service, committedCents: 0, spentCents: 0 };
      total.committedCents += row.ledger.committedCents;
      total.spentCents += row.ledger.spentCents;
      services.set(row.service, total);
    }
    return {
      municipality,
      municipalities: allowed,
      year,
      rows,
      byService: [...services.values()].sort((a, b) => a.service.localeCompare(b.service)),
      committedCents: rows.reduce((sum, row) => sum + row.ledger.committedCents, 0),
      spentCents: rows.reduce((sum, row) => sum + row.ledger.spentCents, 0),
    };
  }

  /** The Comune's workbook of the year so far (the quarterly summary's layout), or null when not allowed. */
  async workbook(
    caller: Caller,
    municipalityId: string,
  ): Promise<{ name: string; bytes: Uint8Array } | null> {
    const view = await this.view(caller, municipalityId);
    if (!view || view.municipality.id !== municipalityId) return null;
    const { workbook } = await this.workbooks.write({
      title: `Comune di ${view.municipality.name} – spesa ${view.year}`,
      chartTitle: `Comune di ${view.municipality.name} – impegnato e speso`,
      rows: view.rows.map((row) => ({
        beneficiary: row.beneficiary,
        taxCode: row.taxCode,
        service: row.service,
        provider: row.provider,
        committedCents: row.ledger.committedCents,
        quarterCents: row.ledger.spentCents,
        yearToDateCents: row.ledger.spentCents,
        districtFundCents: row.ledger.districtFundCents,
      })),
    });
    return { name: `spesa-${view.year}-${municipalityId}.xlsx`, bytes: workbook };
  }

  private async allowedMunicipalities(caller: Caller) {
    if (caller.role === 'provider') return [];
    const all = await this.municipalities();
    return isStaff(caller) ? all : all.filter((candidate) => candidate.id === caller.municipalityId);
  }
}
