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
export function scanDoubts(scan: ScanReading, problems: readonly Problem[]): string[] {
  const doubts: string[] = [];
  // The key values are the form's numbers and codes: a word with two or more digits read uncertainly.
  const uncertain = scan.uncertainWords.filter((word) => (word.match(/\d/g) ?? []).length >= 2);
  if (uncertain.length > 0) doubts.push(`lette con incertezza: ${uncertain.slice(0, 8).join(', ')}`);
  const onKeys = problems.filter((problem) => problem.field !== null && keyFields.has(problem.field));
  // On a scan, a key field «missing» or «not valid» may be one the OCR did not read.
  for (const problem of onKeys) doubts.push(problem.message);
  return doubts;
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
