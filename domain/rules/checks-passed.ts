import { isHourlyService } from '../catalogue/service-codes.js';
import { formatEuro } from '../money.js';
import type { RequestDraft } from '../requests/request-draft.js';
import { budgetEstimate } from './budget-rule.js';
import { dayCentreEstimate, dayCentreEstimateSentence } from './day-centre-budget.js';
import type { CheckContext } from './check-context.js';

/** In Italian, the checks a request without problems has passed (for the approval card). */
export function checksPassed(draft: RequestDraft, context: CheckContext): string[] {
  const checks = [
    'Modulo completo dei dati obbligatori',
    'Codice fiscale valido e coerente con la data di nascita',
    "Comune di residenza nell'Ambito Territoriale Cremasco",
    'Date coerenti',
  ];
  if (draft.kind === 'variation') checks.push('Preavviso di almeno 15 giorni rispettato');
  if (draft.kind === 'day_centre_entry') checks.push("Unità d'offerta accreditata");
  if (draft.service === 'SAAP') checks.push("Un solo profilo dell'operatore indicato");
  if (draft.service && isHourlyService(draft.service) && draft.kind === 'activation') {
    const estimate = budgetEstimate(draft, context);
    if (estimate && draft.request.annualBudgetCents !== null) {
      checks.push(
        `Budget sufficiente: ${formatEuro(draft.request.annualBudgetCents)} ≥ costo stimato ${formatEuro(estimate.municipalityShareCents)}`,
      );
    }
  }
  const dayCentre = dayCentreEstimate(draft, context);
  const budget = draft.request.annualBudgetCents;
  if (dayCentre && budget !== null && budget >= dayCentre.municipalityCents)
    checks.push(
      `Budget sufficiente per la frequenza stimata: ${formatEuro(budget)} ≥ ${dayCentreEstimateSentence(dayCentre)}`,
    );
  return checks;
}
