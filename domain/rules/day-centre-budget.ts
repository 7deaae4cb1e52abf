import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { defaultCatalogue } from '../catalogue/catalogue.js';
import { isDayCentreService } from '../catalogue/service-codes.js';
import { estimateDayCentreCost, type DayCentreEstimate } from '../costs/day-centre-estimate.js';
import { formatEuro } from '../money.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { CheckContext } from './check-context.js';

/** The attendance estimate of a day-centre entry, or null when the form lacks what it needs. */
export function dayCentreEstimate(draft: RequestDraft, context: CheckContext): DayCentreEstimate | null {
  const { service } = draft;
  const { attendance, startDate, endDate } = draft.request;
  if (draft.kind !== 'day_centre_entry' || !service || !isDayCentreService(service)) return null;
  if (!attendance || !startDate) return null;
  return estimateDayCentreCost(
    { service, attendance, startDate, endDate },
    context.catalogue ?? defaultCatalogue,
  );
}

const daysOf = (estimate: DayCentreEstimate) =>
  [
    estimate.fullTimeDays > 0 ? `${estimate.fullTimeDays} giornate full time` : null,
    estimate.partTimeDays > 0 ? `${estimate.partTimeDays} giornate part time` : null,
  ]
    .filter(Boolean)
    .join(' e ');

/** The estimate as staff read it: days, period and the calendar it assumes. */
export function dayCentreEstimateSentence(estimate: DayCentreEstimate): string {
  return `${formatEuro(estimate.municipalityCents)} (${daysOf(estimate)} dal ${formatShortItalianDate(estimate.from)} al ${formatShortItalianDate(estimate.to)}, apertura dal lunedì al venerdì esclusi i festivi, pasti esclusi)`;
}

/**
 * Seed l. 3466-3530, 4198: a day-centre entry's budget beside what its attendance would cost the
 * Comune. Only a notice for staff: the centres' opening calendars are not in the seeds.
 */
export function dayCentreBudgetNotice(draft: RequestDraft, context: CheckContext): string | null {
  const budget = draft.request.annualBudgetCents;
  const estimate = dayCentreEstimate(draft, context);
  if (!estimate || budget === null || budget >= estimate.municipalityCents) return null;
  return `Il budget indicato (${formatEuro(budget)}) è inferiore al costo stimato della frequenza: ${dayCentreEstimateSentence(estimate)}. Verificare con il Comune il calendario di frequenza prima di approvare.`;
}
