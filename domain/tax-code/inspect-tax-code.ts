import { CheckDigitizer, CodiceFiscaleUtils } from '@marketto/codice-fiscale-utils';
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';
import { dateFromParts, type CalendarDate } from '../calendar/calendar-date.js';

/** What a codice fiscale says once checked: its encoded birth date, or why it is not valid. */
export type TaxCodeInspection =
  | { readonly valid: true; readonly taxCode: string; readonly birthDate: CalendarDate }
  | { readonly valid: false; readonly taxCode: string; readonly reason: TaxCodeDefect };

export type TaxCodeDefect = 'format' | 'check_character' | 'birth_date' | 'birth_place';

// Structure with omocodia: digits of the date and place may be replaced by L M N P Q R S T U V.
const structure = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const codiceFiscale = new CodiceFiscaleUtils(belfioreConnector);

/**
 * Checks structure, check character, omocodia and the encoded birth date and place of a codice
 * fiscale with @marketto/codice-fiscale-utils (Agenzia delle Entrate algorithm, ANPR place codes).
 */
export async function inspectTaxCode(raw: string): Promise<TaxCodeInspection> {
  const taxCode = raw.toUpperCase().replace(/\s+/g, '');
  if (!structure.test(taxCode)) return { valid: false, taxCode, reason: 'format' };
  if (CheckDigitizer.checkDigit(taxCode) !== taxCode[15])
    return { valid: false, taxCode, reason: 'check_character' };
  // The library accepts 30 February: check that the encoded day exists ourselves.
  const birthDate = encodedBirthDate(taxCode);
  if (birthDate === null) return { valid: false, taxCode, reason: 'birth_date' };
  const errors = await codiceFiscale.validator.codiceFiscale(taxCode).errors;
  if (errors?.gender) return { valid: false, taxCode, reason: 'birth_date' };
  // Its `date` error means "born when the place did not exist", so it is a place defect too.
  if (errors?.place || errors?.date) return { valid: false, taxCode, reason: 'birth_place' };
  if (errors) return { valid: false, taxCode, reason: 'format' };
  return { valid: true, taxCode, birthDate };
}

function encodedBirthDate(taxCode: string): CalendarDate | null {
  const year = codiceFiscale.parser.cfToBirthYear(taxCode);
  const month = codiceFiscale.parser.cfToBirthMonth(taxCode);
  const day = codiceFiscale.parser.cfToBirthDay(taxCode);
  if (year === null || month === null || day === null) return null;
  return dateFromParts(year, month + 1, day);
}
