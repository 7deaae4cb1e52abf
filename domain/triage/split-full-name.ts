import { CodiceFiscaleUtils } from '@marketto/codice-fiscale-utils';
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';

const codiceFiscale = new CodiceFiscaleUtils(belfioreConnector);

/**
 * Splits "COGNOME NOME" written in one field. The codice fiscale encodes the surname (letters 1–3)
 * and the name (4–6): the split whose encodings match wins; without one, the first word is the
 * surname, as Italian forms write it.
 */
export function splitFullName(
  fullName: string,
  taxCode: string | null,
): { surname: string | null; name: string | null } {
  const words = fullName.split(/\s+/).filter(Boolean);
  if (words.length === 0) return { surname: null, name: null };
  if (words.length === 1) return { surname: words[0]!, name: null };
  if (taxCode && taxCode.length >= 6) {
    for (let cut = 1; cut < words.length; cut += 1) {
      for (const [surname, name] of [
        [words.slice(0, cut), words.slice(cut)],
        [words.slice(cut), words.slice(0, cut)],
      ] as const) {
        const surnameCode = codiceFiscale.parser.lastNameToCf(surname.join(' '));
        const nameCode = codiceFiscale.parser.firstNameToCf(name.join(' '));
        if (surnameCode === taxCode.slice(0, 3) && nameCode === taxCode.slice(3, 6)) {
          return { surname: surname.join(' '), name: name.join(' ') };
        }
      }
    }
  }
  return { surname: words[0]!, name: words.slice(1).join(' ') };
}
