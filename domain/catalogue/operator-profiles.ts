import type { OperatorProfile } from './service-codes.js';

// Schede economiche SAAP: three profiles, one per plan; «ASA/OSS (D1)» is its own profile, whose
// grade is part of its name (not a move to «educatore (D1)»).

/** Each profile as Sportello writes it in cards, e-mails and the history. */
export const operatorProfileLabels: Record<OperatorProfile, string> = {
  D2: 'educatore professionale (D2)',
  D1: 'educatore (D1)',
  ASA_OSS: 'operatore ASA/OSS (D1)',
};

/** The three boxes as the SAAP form prints them, for a request to fix the choice. */
export const operatorProfileBoxes = 'EDUCATORE PROFESSIONALE (D2), EDUCATORE (D1) e ASA/OSS (D1)';

/**
 * The profile a phrase names (normalised text: lower case, no punctuation): «asa oss», «oss d1» →
 * ASA/OSS; «educatore professionale», «d2» → D2; «educatore», «educatrice», «d1» → D1; else null.
 */
export function profileOfPhrase(phrase: string): OperatorProfile | null {
  if (/\b(asa|oss)\b/.test(phrase)) return 'ASA_OSS';
  if (/\bprofessionale\b|\bd2\b/.test(phrase)) return 'D2';
  if (/\beducat(ore|rice)\b|\bd1\b/.test(phrase)) return 'D1';
  return null;
}
