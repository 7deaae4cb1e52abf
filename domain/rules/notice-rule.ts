import { addDays } from '../calendar/calendar-date.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { defaultCatalogue } from '../catalogue/catalogue.js';
import { parametersInForce } from '../catalogue/tariff-lookup.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { CheckContext } from './check-context.js';
import type { Problem } from './problem.js';

/** The first effective date a variation received on `receivedOn` may have (received + 15 days). */
export function earliestVariationDate(context: CheckContext) {
  const catalogue = context.catalogue ?? defaultCatalogue;
  // disciplinare, SAD "Specifiche": variazione con un preavviso di almeno 15 giorni.
  return addDays(
    context.receivedOn,
    parametersInForce(context.receivedOn, catalogue.parameters).variationNoticeDays,
  );
}

// Variation effective date earlier than received Rome date + 15 calendar days (exactly 15 is fine).
export function noticeProblems(draft: RequestDraft, context: CheckContext): Problem[] {
  const effectiveDate = draft.request.effectiveDate;
  if (draft.kind !== 'variation' || !effectiveDate) return [];
  const earliest = earliestVariationDate(context);
  if (effectiveDate >= earliest) return [];
  return [
    {
      code: 'notice_too_short',
      field: 'request.effectiveDate',
      message: `La data di decorrenza della variazione (${formatShortItalianDate(effectiveDate)}) non rispetta il preavviso minimo di 15 giorni dalla ricezione della comunicazione (${formatShortItalianDate(context.receivedOn)}): la prima data di decorrenza possibile è il ${formatShortItalianDate(earliest)}. Indicare una data uguale o successiva.`,
      details: { earliestEffectiveDate: earliest, receivedOn: context.receivedOn },
    },
  ];
}
