import { isAppError } from '../app-error.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { defaultCatalogue } from '../catalogue/catalogue.js';
import { isHourlyService } from '../catalogue/service-codes.js';
import { estimateAnnualHourlyCost, type AnnualHourlyEstimate } from '../costs/annual-hourly-estimate.js';
import { formatEuro, formatHours, formatPercentFromBasisPoints, type Cents } from '../money.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { CheckContext } from './check-context.js';
import type { Problem } from './problem.js';

/** The cost estimate behind the budget check, or null when the draft lacks what it needs. */
export function budgetEstimate(draft: RequestDraft, context: CheckContext): AnnualHourlyEstimate | null {
  const { service } = draft;
  const { annualHours, startDate, operatorProfile, upperSecondary, coPayingMunicipality } = draft.request;
  if (draft.kind !== 'activation' || !service || !isHourlyService(service)) return null;
  if (annualHours === null || annualHours <= 0 || !startDate) return null;
  try {
    return estimateAnnualHourlyCost(
      {
        service,
        annualHours,
        festiveHours: draft.request.festiveHours,
        startDate,
        endDate: draft.request.endDate,
        operatorProfile,
        upperSecondary,
        coPaid: coPayingMunicipality !== null,
        placedMinor: draft.request.placedMinor,
        vatRateBasisPoints: context.vatRateBasisPoints,
      },
      context.catalogue ?? defaultCatalogue,
    );
  } catch (error) {
    // No tariff on that date (an absurd start date): the dates rule already asks to fix it.
    if (isAppError(error, 'tariff_not_found')) return null;
    throw error;
  }
}

// Budget: annual hours × hourly tariff on the start date × (1 + IVA), halved when shared, ≤ stated budget.
export function budgetProblems(draft: RequestDraft, context: CheckContext): Problem[] {
  const budget = draft.request.annualBudgetCents;
  const estimate = budgetEstimate(draft, context);
  if (!estimate || budget === null) return [];
  return insufficientBudget(
    estimate,
    budget,
    draft.request.annualHours ?? 0,
    draft.request.placedMinor && draft.service === 'SIP',
  );
}

/** The problem of a budget below what the hours cost the Comune, with the figures; none when it covers them. */
export function insufficientBudget(
  estimate: AnnualHourlyEstimate,
  budget: Cents,
  hours: number,
  placedMinorSip: boolean,
): Problem[] {
  if (budget <= 0 || estimate.municipalityShareCents <= budget) return [];
  const shared =
    estimate.municipalitySharePercent < 100
      ? `, quota del ${estimate.municipalitySharePercent}% a carico del Comune${placedMinorSip ? ' (il 50% è sostenuto dai fondi distrettuali per i minori collocati)' : ''}`
      : '';
  return [
    {
      code: 'budget_insufficient',
      field: 'request.annualBudget',
      message:
        `Il budget annuale indicato (${formatEuro(budget)}) non copre il costo del monte ore richiesto: ` +
        `${pricedHours(estimate)} ` +
        `+ IVA ${formatPercentFromBasisPoints(estimate.vatRateBasisPoints)} = ${formatEuro(estimate.grossCents)}${shared}, ` +
        `pari a ${formatEuro(estimate.municipalityShareCents)}. Indicare un budget di almeno ${formatEuro(estimate.municipalityShareCents)} ` +
        `oppure ridurre il monte ore a non più di ${formatHours(affordableHours(budget, estimate, hours))} ore.`,
      details: {
        requiredCents: estimate.municipalityShareCents,
        statedCents: budget,
        tariffCents: estimate.tariff.amountCents,
        maxAffordableHours: affordableHours(budget, estimate, hours),
      },
    },
  ];
}

/** "200 ore × 20,20 € (tariffa …)", or part by part when the tariff changes within the plan. */
function pricedHours(estimate: AnnualHourlyEstimate): string {
  const { periods } = estimate;
  const festive = periods.filter((period) => period.tariff.variant === 'festive');
  if (festive.length > 0 && periods.length === 2) {
    const [weekday, holidays] = [periods[0]!, festive[0]!];
    return (
      `${formatHours(weekday.minutes / 60)} ore × ${formatEuro(weekday.tariff.amountCents)} (tariffa ${weekday.tariff.description}) + ` +
      `${formatHours(holidays.minutes / 60)} ore la domenica e nei festivi × ${formatEuro(holidays.tariff.amountCents)} (tariffa ${holidays.tariff.description})`
    );
  }
  if (periods.length <= 1)
    return `${formatHours(estimate.chargedHours)} ore × ${formatEuro(estimate.tariff.amountCents)} (tariffa ${estimate.tariff.description} in vigore dal ${formatShortItalianDate(estimate.tariff.validFrom)})`;
  const parts = periods.map(
    (period) =>
      `${formatHours(period.minutes / 60)} ore dal ${formatShortItalianDate(period.from)} al ${formatShortItalianDate(period.to)} × ${formatEuro(period.tariff.amountCents)}${festive.length > 0 ? ` (${period.tariff.description})` : ''}`,
  );
  return `${formatHours(estimate.chargedHours)} ore ripartite sui giorni del progetto secondo le tariffe ${estimate.tariff.description} in vigore (${parts.join('; ')})`;
}

/** The most annual hours, in quarter hours, the stated budget pays for. */
function affordableHours(budget: Cents, estimate: AnnualHourlyEstimate, requestedHours: number): number {
  const extraHours = estimate.chargedHours - requestedHours;
  const costPerHour = estimate.municipalityShareCents / estimate.chargedHours;
  const quarters = Math.floor((budget / costPerHour) * 4) / 4;
  return Math.max(0, quarters - extraHours);
}
