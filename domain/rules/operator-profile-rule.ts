import { operatorProfileBoxes } from '../catalogue/operator-profiles.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from './problem.js';

// SAAP: each plan has ONE operator profile, D2 / D1 / ASA-OSS (disciplinare, schede economiche SAAP).
export function operatorProfileProblems(draft: RequestDraft): Problem[] {
  if (draft.kind !== 'activation' || draft.service !== 'SAAP' || draft.request.operatorProfile !== null)
    return [];
  const several = 'request.operatorProfile' in draft.unreadable;
  return [
    {
      code: 'operator_profile_missing',
      field: 'request.operatorProfile',
      message: several
        ? `Per il servizio SAAP è stato barrato più di un profilo dell'operatore: ogni progetto può prevedere un solo profilo. Barrare una sola opzione tra ${operatorProfileBoxes}.`
        : `Per il servizio SAAP va indicato il profilo dell'operatore: barrare una sola opzione tra ${operatorProfileBoxes}, e indicare l'eventuale frequenza di una scuola secondaria di II° grado.`,
    },
  ];
}
