import { dayUnits, findDayUnit } from '../catalogue/day-units.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from './problem.js';

// The day unit must be one of the nine UDO on the form (allegato RICHIESTA DI INGRESSO IN SERVIZIO DIURNO).
export function dayUnitProblems(draft: RequestDraft): Problem[] {
  const dayUnit = draft.request.dayUnit;
  if (draft.kind !== 'day_centre_entry' || !dayUnit || findDayUnit(dayUnit)) return [];
  return [
    {
      code: 'unknown_day_unit',
      field: 'request.dayUnit',
      message: `L'unità d'offerta indicata («${dayUnit.slice(0, 80)}») non è tra quelle accreditate: barrare una delle seguenti: ${dayUnits.map((unit) => unit.name).join('; ')}.`,
    },
  ];
}
