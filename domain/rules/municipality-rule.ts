import { findAmbitoMunicipality } from '../catalogue/municipalities.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from './problem.js';

// ADM and SIP also serve minors living outside the Ambito with at least one parent resident in it
// (disciplinare l. 554-556 ADM, l. 1055-1059 SIP): the requesting Comune is the parent's.
const parentResidenceServices = new Set(['ADM', 'SIP']);

// The services are for residents of the 48 Comuni of the Ambito (disciplinare, SAD "Destinatari").
export function municipalityProblems(draft: RequestDraft): Problem[] {
  const { municipality } = draft.beneficiary;
  if (!municipality || findAmbitoMunicipality(municipality)) return [];
  if (draft.service && parentResidenceServices.has(draft.service)) return [];
  return [
    {
      code: 'municipality_outside_ambito',
      field: 'beneficiary.municipality',
      message: `Il Comune di residenza indicato («${municipality}») non fa parte dei 48 Comuni dell'Ambito Territoriale Cremasco: verificare il Comune di residenza del beneficiario. Per i Comuni fuori Ambito la richiesta va concordata direttamente con l'Azienda.`,
    },
  ];
}
