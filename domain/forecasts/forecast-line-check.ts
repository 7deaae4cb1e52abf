import { isAppError } from '../app-error.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import {
  isHourlyService,
  isServiceCode,
  operatorProfiles,
  type OperatorProfile,
} from '../catalogue/service-codes.js';
import { estimateAnnualHourlyCost } from '../costs/annual-hourly-estimate.js';
import type { Cents } from '../money.js';
import type { ForecastPeriod } from './forecast-period.js';

/** What a forecast's row is checked against: the beneficiary's running project. */
export interface ContinuedProjectTerms {
  readonly service: string;
  readonly operatorProfile: string | null;
  readonly upperSecondary: boolean;
  readonly coPaid: boolean;
  readonly placedMinor: boolean;
  readonly vatRateBasisPoints: number | null;
}

/** A row's figures, as read or as staff corrected them. */
export interface ForecastLineFigures {
  readonly annualHours: number | null;
  readonly festiveHours: number | null;
  readonly budgetCents: Cents | null;
}

/**
 * `ok`: the budget covers the hours; `budget_short`: it does not; `hours_missing` / `budget_missing`:
 * the row lacks them; `no_project`: the beneficiary has no running project of the Comune (a new
 * user: its activation request opens it); `not_priced`: no tariff applies (SAAP without a profile).
 */
export type ForecastLineStatus =
  'ok' | 'budget_short' | 'hours_missing' | 'budget_missing' | 'no_project' | 'not_priced';

export interface ForecastLineCheck {
  readonly status: ForecastLineStatus;
  /** What the hours cost the Comune over the period (its share, IVA included). */
  readonly estimateCents: Cents | null;
}

/** The statuses as staff read them on the forecast's page. */
export const forecastLineStatusLabels: Record<ForecastLineStatus, string> = {
  ok: 'budget sufficiente',
  budget_short: 'budget insufficiente per le ore indicate',
  hours_missing: 'ore non indicate',
  budget_missing: 'budget non indicato',
  no_project: 'nessun progetto in corso: nuovo utente, serve la richiesta di attivazione',
  not_priced: 'tariffa non determinabile (profilo dell’operatore mancante)',
};

/**
 * A forecast's row checked like a request (seed l. 343-346 with the tariffs of l. 3150-3194):
 * the hours × the tariff in force over the period × (1 + IVA), the Comune's share, against the
 * budget the row gives.
 */
export function checkForecastLine(
  figures: ForecastLineFigures,
  project: ContinuedProjectTerms | null,
  period: Pick<ForecastPeriod, 'from' | 'to'>,
  catalogue: Catalogue = defaultCatalogue,
): ForecastLineCheck {
  if (!project) return { status: 'no_project', estimateCents: null };
  if (figures.annualHours === null) return { status: 'hours_missing', estimateCents: null };
  const estimateCents = estimate(figures, project, period, catalogue);
  if (estimateCents === null) return { status: 'not_priced', estimateCents };
  if (figures.budgetCents === null) return { status: 'budget_missing', estimateCents };
  return { status: figures.budgetCents >= estimateCents ? 'ok' : 'budget_short', estimateCents };
}

function estimate(
  figures: ForecastLineFigures,
  project: ContinuedProjectTerms,
  period: Pick<ForecastPeriod, 'from' | 'to'>,
  catalogue: Catalogue,
): Cents | null {
  const { service } = project;
  if (!isServiceCode(service) || !isHourlyService(service)) return null;
  try {
    return (
      estimateAnnualHourlyCost(
        {
          service,
          annualHours: figures.annualHours ?? 0,
          festiveHours: figures.festiveHours,
          startDate: period.from,
          endDate: period.to,
          operatorProfile: profileOf(project.operatorProfile),
          upperSecondary: project.upperSecondary,
          coPaid: project.coPaid,
          placedMinor: project.placedMinor,
          vatRateBasisPoints: project.vatRateBasisPoints ?? undefined,
        },
        catalogue,
      )?.municipalityShareCents ?? null
    );
  } catch (error) {
    if (isAppError(error, 'tariff_not_found')) return null;
    throw error;
  }
}

function profileOf(written: string | null): OperatorProfile | null {
  return operatorProfiles.find((profile) => profile === written) ?? null;
}
