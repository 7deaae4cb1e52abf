import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from '../rules/problem.js';
import { centsToEuros } from '../money.js';
import type { ScanReading } from './mail-for-triage.js';

// Issue #15: an OCR misreading must never become an official notice. The key fields of a form
// read from a scan (codice fiscale, dates, budget) must all be read with good confidence and pass
// their checks; otherwise the form goes to staff with what was read.
const keyFields = new Set([
  'beneficiary.taxCode',
  'beneficiary.birthDate',
  'request.startDate',
  'request.endDate',
  'request.effectiveDate',
  'request.endDateCessation',
  'request.annualBudget',
  'request.annualBudgetCents',
]);

/** Why a form read from a scan cannot be answered automatically, in Italian; empty when it can. */
export function scanDoubts(scan: ScanReading, problems: readonly Problem[], draft?: RequestDraft): string[] {
  const doubts: string[] = [];
  const corroborated = draft ? corroboratedTaxCode(draft, problems) : null;
  // The key values are the form's numbers and codes: a word with two or more digits read uncertainly.
  // A codice fiscale read uncertainly but agreeing with everything else read is not a doubt.
  const uncertain = scan.uncertainWords.filter(
    (word) =>
      (word.match(/\d/g) ?? []).length >= 2 &&
      !(
        corroborated &&
        word
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .includes(corroborated)
      ),
  );
  if (uncertain.length > 0) doubts.push(`lette con incertezza: ${uncertain.slice(0, 8).join(', ')}`);
  const onKeys = problems.filter((problem) => problem.field !== null && keyFields.has(problem.field));
  // On a scan, a key field «missing» or «not valid» may be one the OCR did not read.
  for (const problem of onKeys) doubts.push(problem.message);
  return doubts;
}

/**
 * The codice fiscale read, when it vouches for itself and for what else was read: its check
 * character and its birth date hold (no problem on it) and its first six letters are those of the
 * surname and name read (DM 23 dicembre 1976, the letters of the codice fiscale). Null otherwise.
 */
function corroboratedTaxCode(draft: RequestDraft, problems: readonly Problem[]): string | null {
  const { taxCode, surname, name, birthDate } = draft.beneficiary;
  if (!taxCode || !surname || !name || !birthDate) return null;
  if (
    problems.some(
      (problem) => problem.field === 'beneficiary.taxCode' || problem.field === 'beneficiary.birthDate',
    )
  )
    return null;
  const code = taxCode.toUpperCase();
  return code.slice(0, 6) === nameLetters(surname, false) + nameLetters(name, true) ? code : null;
}

/** Consonants, then vowels, then X: the three letters the codice fiscale takes from a surname or a name. */
function nameLetters(word: string, isName: boolean): string {
  const plain = word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  const consonants = plain.replace(/[AEIOU]/g, '');
  if (isName && consonants.length >= 4) return consonants[0]! + consonants[2]! + consonants[3]!;
  return `${consonants}${plain.replace(/[^AEIOU]/g, '')}XXX`.slice(0, 3);
}

/** What staff are told of a scanned form put aside: why, and what was read, to check on the original. */
export function scanStaffNote(draft: RequestDraft, doubts: readonly string[]): string {
  const b = draft.beneficiary;
  const r = draft.request;
  const read = [
    `${b.surname ?? '?'} ${b.name ?? '?'}`.trim(),
    `codice fiscale ${b.taxCode ?? 'non letto'}`,
    b.birthDate ? `nato/a il ${b.birthDate}` : null,
    r?.startDate ? `avvio ${r.startDate}` : null,
    r?.endDate ? `termine ${r.endDate}` : null,
    r?.effectiveDate ? `decorrenza ${r.effectiveDate}` : null,
    r?.annualBudgetCents !== null && r?.annualBudgetCents !== undefined
      ? `budget ${centsToEuros(r.annualBudgetCents)} €`
      : null,
  ].filter((part): part is string => part !== null);
  return `Modulo letto da una scansione e non trattato automaticamente: alcuni dati essenziali non sono letti con sicurezza (${doubts.join('; ')}). Letto: ${read.join(', ')}. Verificare sull'originale e trattare la richiesta a mano.`;
}
