import { percentOf, type Cents } from '../money.js';

/**
 * Splits a cost between the Comune of residence and a second Comune (ADM, SIP: 50% each,
 * disciplinare ADM-ADEA "Processo operativo"); an odd cent stays with the Comune of residence.
 */
export function shareBetweenMunicipalities(totalCents: Cents, secondSharePercent: number) {
  const second = percentOf(totalCents, secondSharePercent);
  return { residenceCents: totalCents - second, secondCents: second };
}
