import { protocolNumber, protocolTypedIn } from '../../domain/requests/protocol-number.js';
import { normalizeForMatching } from '../../domain/text/normalize-for-matching.js';
import type { BudgetTarget } from '../../services/budgets/budget-answer.js';
import { isCloseWord, nameWords } from '../../domain/text/fuzzy-match.js';

/** What a message asks, read deterministically from Italian text. */
export type Question =
  | { readonly intent: 'help' }
  | { readonly intent: 'budget'; readonly target: BudgetTarget }
  | { readonly intent: 'my_projects' }
  | { readonly intent: 'deadlines'; readonly days: number }
  | { readonly intent: 'request_status'; readonly protocol: string }
  | { readonly intent: 'pending_contracts' }
  | { readonly intent: 'office_protocol'; readonly protocol: string; readonly officeProtocol: string }
  | { readonly intent: 'unknown' };

const officeProtocolPattern =
  /^(?:registra\s+)?(?:il\s+)?protocollo\s+(?:della\s+|per\s+la\s+)?(?:pratica\s+)?(\d{4})\s*\/\s*(\d{1,7})(?!\d)\s*(?:[:=]|è|n\.|numero)?\s*(\S.*)$/i;
const taxCodePattern =
  /\b[a-z]{6}[0-9lmnpqrstuv]{2}[abcdehlmprst][0-9lmnpqrstuv]{2}[a-z][0-9lmnpqrstuv]{3}[a-z]\b/i;

// Words of the question itself, never part of a name.
const questionWords = new Set(
  (
    'quanto quanti quanta quale qual qualè budget resta resto restano rimane rimangono residuo residua disponibile disponibili ' +
    'ancora spesa speso spesi per di del della dello dei degli delle il lo la le gli i un una uno a al alla ai e ed ha hanno ' +
    'c è ce sig signor signora sigra dott dottssa beneficiario beneficiaria utente progetto pratica pratiche caso nominativo ' +
    'sul sulla nel nella mi dici dimmi vorrei sapere puoi potresti dirmi chiedo grazie ciao buongiorno buonasera salve favore ' +
    'soldi euro fondi importo saldo quota utilizzata situazione'
  ).split(' '),
);

const budgetKeywords = [
  'budget',
  'residuo',
  'resta',
  'rimane',
  'disponibile',
  'saldo',
  'spesa',
  'speso',
  'fondi',
];

/** Reads what a message asks; typos and word order do not matter. */
export function parseQuestion(text: string): Question {
  const normalized = normalizeForMatching(text);
  const words = normalized.split(/[^a-z0-9]+/).filter(Boolean);
  const has = (...targets: string[]) =>
    words.some((word) => targets.some((target) => isCloseWord(word, target)));
  const protocolText = protocolTypedIn(text);

  if (words.length === 0 || has('aiuto', 'help', 'comandi') || /cosa (puoi|sai) fare/.test(normalized))
    return { intent: 'help' };
  // "protocollo 2027/0000123 4567/2027": staff record the office's protocol number of a request.
  const officeProtocol = officeProtocolPattern.exec(text.trim());
  if (officeProtocol) {
    const [, year, number, value] = officeProtocol;
    return {
      intent: 'office_protocol',
      protocol: protocolNumber(Number(year), Number(number)).text,
      officeProtocol: value!.trim(),
    };
  }
  if (protocolText && has('stato', 'punto', 'esito') && !has(...budgetKeywords))
    return { intent: 'request_status', protocol: protocolText };
  if (has('contratti', 'contratto') && has('approvare', 'approvazione', 'sospeso', 'attesa', 'firmare')) {
    return { intent: 'pending_contracts' };
  }
  if (has('scadenze', 'scadenza', 'scadenziario', 'adempimenti')) {
    return { intent: 'deadlines', days: has('mese') ? 31 : 7 };
  }
  if (
    (has('miei', 'mie', 'nostri', 'elenco') &&
      has('progetti', 'pratiche', 'utenti', 'beneficiari', 'casi')) ||
    /^progetti$/.test(normalized)
  ) {
    return { intent: 'my_projects' };
  }
  const taxCode =
    taxCodePattern.exec(text.replace(/\s+/g, ''))?.[0] ?? taxCodePattern.exec(text)?.[0] ?? null;
  const wantsBudget = has(...budgetKeywords) || /quanto (resta|rimane|ha)/.test(normalized);
  if (wantsBudget || taxCode || protocolText) {
    if (protocolText) return { intent: 'budget', target: { by: 'protocol', protocol: protocolText } };
    if (taxCode) return { intent: 'budget', target: { by: 'tax_code', taxCode: taxCode.toUpperCase() } };
    const name = nameWords(text).filter(
      (word) => !questionWords.has(word) && !budgetKeywords.some((keyword) => isCloseWord(word, keyword)),
    );
    if (name.length > 0) return { intent: 'budget', target: { by: 'name', words: name } };
    return { intent: 'help' };
  }
  return { intent: 'unknown' };
}
