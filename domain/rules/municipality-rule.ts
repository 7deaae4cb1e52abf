import { findAmbitoMunicipality } from '../catalogue/municipalities.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from './problem.js';

// The services are for residents of the 48 Comuni of the Ambito (disciplinare, SAD "Destinatari").
export function municipalityProblems(draft: RequestDraft): Problem[] {
  const { municipality } = draft.beneficiary;
  if (!municipality || findAmbitoMunicipality(municipality)) return [];
  return [
    {
      code: 'municipality_outside_ambito',
      field: 'beneficiary.municipality',
      message: `Il Comune di residenza indicato («${municipality}») non fa parte dei 48 Comuni dell'Ambito Territoriale Cremasco: verificare il Comune di residenza del beneficiario. Per i Comuni fuori Ambito la richiesta va concordata direttamente con l'Azienda.`,
    },
  ];
}
