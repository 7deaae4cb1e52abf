import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import type { RequestDraft } from '../requests/request-draft.js';
import { inspectTaxCode, type TaxCodeDefect } from '../tax-code/inspect-tax-code.js';
import type { Problem } from './problem.js';

const defectMessages: Record<TaxCodeDefect, string> = {
  format:
    'non ha la struttura di un codice fiscale (16 caratteri: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera)',
  check_character:
    'ha un carattere di controllo finale errato: probabilmente un carattere è stato trascritto male',
  birth_date: 'contiene una data di nascita inesistente',
  birth_place: 'contiene un codice di Comune o Stato di nascita inesistente alla data di nascita',
};

// Codice fiscale: structure, check character, omocodia and birth date consistency (issue #2, rule 4).
export async function taxCodeProblems(draft: RequestDraft): Promise<Problem[]> {
  const { taxCode, birthDate } = draft.beneficiary;
  if (!taxCode || 'beneficiary.taxCode' in draft.unreadable) return [];
  const inspection = await inspectTaxCode(taxCode);
  if (!inspection.valid) {
    return [
      {
        code: 'invalid_tax_code',
        field: 'beneficiary.taxCode',
        message: `Il codice fiscale del beneficiario «${inspection.taxCode}» ${defectMessages[inspection.reason]}. Verificare il codice sulla tessera sanitaria e inviarlo corretto.`,
        details: { defect: inspection.reason },
      },
    ];
  }
  // The code only carries the last two digits of the year: compare day, month and year modulo 100.
  if (birthDate && inspection.birthDate && birthDate.slice(2) !== inspection.birthDate.slice(2)) {
    return [
      {
        code: 'tax_code_mismatch',
        field: 'beneficiary.taxCode',
        message: `Il codice fiscale «${inspection.taxCode}» corrisponde a una persona nata il ${formatShortItalianDate(inspection.birthDate)}, mentre la data di nascita indicata è ${formatShortItalianDate(birthDate)}: verificare quale dei due dati è errato.`,
        details: { encodedBirthDate: inspection.birthDate, statedBirthDate: birthDate },
      },
    ];
  }
  return [];
}
