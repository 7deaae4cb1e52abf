import { isAppError } from '../app-error.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { isHourlyService } from '../catalogue/service-codes.js';
import { estimateAnnualHourlyCost } from '../costs/annual-hourly-estimate.js';
import { changeOf, type ChangedProject } from '../projects/project-change.js';
import type { RequestDraft } from '../requests/request-draft.js';
import { insufficientBudget } from './budget-rule.js';
import type { Problem } from './problem.js';

/** The running project a variation changes, with who pays for it. */
export interface VariedProject extends ChangedProject {
  /** A second Comune shares the cost (ADM, SIP). */
  readonly coPaid: boolean;
  /** SIP of a placed minor: half borne by district funds. */
  readonly placedMinor: boolean;
}

// Seed l. 502-506 (a variation changes frequency and budget) and l. 4205 (the budget is the Comune's
// quota, authorising payment): a variation stating new annual hours must give a budget that covers
// them from the decorrenza, at the tariff then in force (SAAP: the profile the change moves the
// operator to, l. 3400-3418), plus IVA, at the Comune's share. A variation of the budget alone is
// the Comune's own decision on its quota and is not second-guessed against the old hours.
export function variationBudgetProblems(
  draft: RequestDraft,
  project: VariedProject,
  catalogue: Catalogue = defaultCatalogue,
): Problem[] {
  const { service, request } = draft;
  if (draft.kind !== 'variation' || !service || !isHourlyService(service)) return [];
  if (request.annualHours === null) return [];
  const change = changeOf(draft, project);
  const minutes = change?.terms.annualMinutes ?? null;
  if (!change || minutes === null || minutes <= 0 || request.annualBudgetCents === null) return [];
  try {
    const estimate = estimateAnnualHourlyCost(
      {
        service,
        annualHours: minutes / 60,
        festiveHours: request.festiveHours,
        startDate: change.effectiveOn,
        endDate: project.endDate,
        operatorProfile: change.terms.operatorProfile,
        upperSecondary: false,
        coPaid: project.coPaid,
        placedMinor: project.placedMinor,
      },
      catalogue,
    );
    if (!estimate) return [];
    return insufficientBudget(
      estimate,
      request.annualBudgetCents,
      minutes / 60,
      project.placedMinor && service === 'SIP',
    );
  } catch (error) {
    if (isAppError(error, 'tariff_not_found')) return [];
    throw error;
  }
}
