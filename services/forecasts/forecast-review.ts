import { minutesOfHours } from './forecast-records.js';
import { isStaff, refusal, requireStaff, type Refusal } from '../access/refusal.js';
import { addDays, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import {
  checkForecastLine,
  forecastLineStatusLabels,
  type ContinuedProjectTerms,
  type ForecastLineCheck,
} from '../../domain/forecasts/forecast-line-check.js';
import type { ForecastPeriod } from '../../domain/forecasts/forecast-period.js';
import type { Caller } from '../access/caller.js';

/** The running project a forecast's row continues, as the review shows it. */
export interface ContinuedProject extends ContinuedProjectTerms {
  readonly projectId: string;
  readonly providerName: string | null;
  readonly annualMinutes: number | null;
  readonly committedBudgetCents: number;
  readonly endDate: CalendarDate | null;
}

/** One row of a forecast with what it continues. */
export interface ForecastLineView {
  readonly id: string;
  readonly taxCode: string;
  readonly beneficiary: { readonly surname: string; readonly name: string } | null;
  readonly continued: ContinuedProject | null;
  readonly annualMinutes: number | null;
  readonly festiveMinutes: number | null;
  readonly budgetCents: number | null;
  readonly included: boolean;
  readonly corrected: boolean;
  readonly openedProjectId: string | null;
}

/** A forecast as staff review it. */
export interface ForecastView {
  readonly id: string;
  readonly version: number;
  readonly municipality: string;
  readonly service: string | null;
  readonly receivedOn: CalendarDate;
  readonly period: ForecastPeriod;
  readonly state: 'to_confirm' | 'confirmed';
  readonly confirmedBy: string | null;
  readonly confirmedAt: Date | null;
  readonly lines: readonly ForecastLineView[];
}

/** A forecast in the list. */
export interface ForecastSummary {
  readonly id: string;
  readonly municipality: string;
  readonly service: string | null;
  readonly receivedOn: CalendarDate;
  readonly late: boolean;
  readonly state: 'to_confirm' | 'confirmed';
  readonly lines: number;
}

/** A row with its check. */
export interface CheckedForecastLine extends ForecastLineView {
  readonly check: ForecastLineCheck;
}

/** A forecast with each row's check, as the review page shows it. */
export type CheckedForecast = Omit<ForecastView, 'lines'> & {
  readonly lines: readonly CheckedForecastLine[];
};

/** What confirming opens for a row: the project of the period continuing the running one. */
export interface ProjectOpening {
  readonly lineId: string;
  readonly continuedProjectId: string;
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate;
  readonly annualMinutes: number;
  readonly committedBudgetCents: number;
}

/** What the review needs from the database. */
export interface ForecastStore {
  forecasts(): Promise<readonly ForecastSummary[]>;
  forecast(id: string): Promise<ForecastView | null>;
  /** If the forecast is still at `version` and to confirm: writes the row's figures, audited; false otherwise. */
  correctLine(input: {
    readonly forecastId: string;
    readonly version: number;
    readonly lineId: string;
    readonly annualMinutes: number | null;
    readonly festiveMinutes: number | null;
    readonly budgetCents: number | null;
    readonly included: boolean;
    readonly actor: string;
  }): Promise<boolean>;
  /**
   * In one transaction, if the forecast is still at `version` and to confirm: opens each project
   * (copying the continued one's beneficiary, service, Comuni, provider and profile, linked to the
   * forecast's cumulative contract covering it), ends each continued project by `previousEndsOn`,
   * marks the forecast confirmed and audits it; false otherwise.
   */
  confirm(input: {
    readonly forecastId: string;
    readonly version: number;
    readonly openings: readonly ProjectOpening[];
    readonly previousEndsOn: CalendarDate;
    readonly actor: string;
  }): Promise<boolean>;
}

/** What a staff action on a forecast came to. */
export type ForecastActionResult = { readonly outcome: 'done'; readonly message: string } | Refusal;

const blocking = new Set(['budget_short', 'hours_missing', 'budget_missing', 'not_priced']);
const stale = 'La previsione è stata aggiornata nel frattempo: ricaricare la pagina.';

/** A row's figures as staff type them: hours (decimals allowed), euro cents; null when empty. */
export interface LineCorrection {
  readonly forecastId: string;
  readonly version: number;
  readonly lineId: string;
  readonly annualHours: number | null;
  readonly festiveHours: number | null;
  readonly budgetCents: number | null;
  readonly included: boolean;
}

/**
 * Staff's review of the Comuni's forecasts (seed l. 339-373, 1811): each row checked like a request,
 * corrected where the Comune's detail was wrong or unreadable, then confirmed, which opens each
 * continuing project for the new period so that its hours, ledger and alerts carry on.
 */
export class ForecastReview {
  constructor(private readonly store: ForecastStore) {}

  async list(caller: Caller): Promise<readonly ForecastSummary[] | null> {
    return isStaff(caller) ? this.store.forecasts() : null;
  }

  async view(caller: Caller, id: string): Promise<CheckedForecast | null> {
    if (!isStaff(caller)) return null;
    const forecast = await this.store.forecast(id);
    return forecast ? { ...forecast, lines: checkedLines(forecast) } : null;
  }

  /** The forecast a staff action is about, still to confirm; the refusal otherwise. */
  private async toConfirm(caller: Caller, forecastId: string): Promise<ForecastView | Refusal> {
    const notStaff = requireStaff(caller, 'gestire le previsioni di spesa');
    if (notStaff) return notStaff;
    const forecast = await this.store.forecast(forecastId);
    if (!forecast) return refusal('not_found', 'Previsione di spesa non trovata.');
    return forecast.state === 'to_confirm'
      ? forecast
      : refusal('already_done', 'La previsione risulta già confermata: le righe non si modificano più.');
  }

  async correct(caller: Caller, input: LineCorrection): Promise<ForecastActionResult> {
    const forecast = await this.toConfirm(caller, input.forecastId);
    if ('outcome' in forecast) return forecast;
    if (!forecast.lines.some((line) => line.id === input.lineId))
      return { outcome: 'refused', code: 'not_found', message: 'Riga non trovata.' };
    const saved = await this.store.correctLine({
      forecastId: input.forecastId,
      version: input.version,
      lineId: input.lineId,
      annualMinutes: minutesOfHours(input.annualHours),
      festiveMinutes: minutesOfHours(input.festiveHours),
      budgetCents: input.budgetCents,
      included: input.included,
      actor: caller.displayName,
    });
    return saved
      ? { outcome: 'done', message: 'Riga aggiornata.' }
      : { outcome: 'refused', code: 'stale', message: stale };
  }

  async confirm(
    caller: Caller,
    input: { readonly forecastId: string; readonly version: number },
  ): Promise<ForecastActionResult> {
    const forecast = await this.toConfirm(caller, input.forecastId);
    if ('outcome' in forecast) return forecast;
    const lines = checkedLines(forecast).filter((line) => line.included);
    const wrong = lines.filter((line) => blocking.has(line.check.status));
    if (wrong.length > 0)
      return {
        outcome: 'refused',
        code: 'rows_to_fix',
        message: `Correggere o escludere prima queste righe: ${wrong
          .map((line) => `${line.taxCode} (${forecastLineStatusLabels[line.check.status]})`)
          .join('; ')}.`,
      };
    const openings = lines.flatMap((line): ProjectOpening[] =>
      line.check.status === 'ok' && line.continued && line.annualMinutes !== null && line.budgetCents !== null
        ? [
            {
              lineId: line.id,
              continuedProjectId: line.continued.projectId,
              startDate: forecast.period.from,
              endDate: forecast.period.to,
              annualMinutes: line.annualMinutes,
              committedBudgetCents: line.budgetCents,
            },
          ]
        : [],
    );
    if (openings.length === 0)
      return {
        outcome: 'refused',
        code: 'nothing_to_open',
        message: 'Nessun progetto in continuità da aprire in questa previsione.',
      };
    const confirmed = await this.store.confirm({
      forecastId: forecast.id,
      version: input.version,
      openings,
      previousEndsOn: addDays(forecast.period.from, -1),
      actor: caller.displayName,
    });
    if (!confirmed) return { outcome: 'refused', code: 'stale', message: stale };
    const newUsers = lines.filter((line) => line.check.status === 'no_project').length;
    return {
      outcome: 'done',
      message: `Previsione confermata: ${openings.length} progetti in continuità aperti dal ${formatShortItalianDate(forecast.period.from)}.${newUsers > 0 ? ` ${newUsers} nuovi utenti attendono la loro richiesta di attivazione.` : ''}`,
    };
  }
}

function checkedLines(forecast: ForecastView): CheckedForecastLine[] {
  return forecast.lines.map((line) => ({
    ...line,
    check: checkForecastLine(
      {
        annualHours: line.annualMinutes === null ? null : line.annualMinutes / 60,
        festiveHours: line.festiveMinutes === null ? null : line.festiveMinutes / 60,
        budgetCents: line.budgetCents,
      },
      line.continued,
      forecast.period,
    ),
  }));
}
