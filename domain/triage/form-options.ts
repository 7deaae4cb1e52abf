import { profileOfPhrase } from '../catalogue/operator-profiles.js';
import { findDayUnit, type DayUnit } from '../catalogue/day-units.js';
import type { OperatorProfile } from '../catalogue/service-codes.js';
import { labelAt } from './form-labels.js';
import type { FormSegment } from './form-text.js';

/** The service options of the forms' TIPO DI SERVIZIO list. */
export type ServiceOption =
  | 'SAD_SADH'
  | 'ADM_ADEA'
  | 'SIP'
  | 'SAAP'
  | 'DAY_CENTRE'
  | 'CENTRO_DIURNO_MINORI'
  | 'VOUCHER_FNA'
  | 'QSFP'
  | 'ISD';

const has = (words: readonly string[], ...wanted: string[]) => wanted.every((word) => words.includes(word));

/** Which service option a piece of text names, if any. */
export function serviceOptionOf(words: readonly string[]): ServiceOption | null {
  if (has(words, 'cse', 'cdd') || has(words, 'cse', 'sfa') || has(words, 'cdd', 'sfa')) return 'DAY_CENTRE';
  if (has(words, 'centro', 'diurno', 'minori') || has(words, 'spazio', 'centro', 'diurno'))
    return 'CENTRO_DIURNO_MINORI';
  if (has(words, 'sadh') || has(words, 'sad') || has(words, 'assistenza', 'domiciliare', 'anziani'))
    return 'SAD_SADH';
  if (has(words, 'adm') || has(words, 'adea') || has(words, 'educativa', 'domiciliare')) return 'ADM_ADEA';
  if (has(words, 'sip') || has(words, 'incontri', 'protetti')) return 'SIP';
  if (has(words, 'saap') || has(words, 'autonomia', 'personale', 'alunni')) return 'SAAP';
  if (has(words, 'voucher', 'fna') || has(words, 'fna')) return 'VOUCHER_FNA';
  if (has(words, 'qsfp')) return 'QSFP';
  if (has(words, 'isd')) return 'ISD';
  return null;
}

/** The choice read from a list of tick boxes. */
export type Choice<T> =
  | { readonly kind: 'one'; readonly value: T }
  | { readonly kind: 'several'; readonly values: T[] }
  | { readonly kind: 'none' };

/**
 * Reads a tick-box list: the ticked options; with no tick marks at all in the list, the only option
 * left on the form ("keep only the chosen option"); otherwise none.
 */
export function choose<T>(options: readonly { value: T; segment: FormSegment }[]): Choice<T> {
  const distinct = (items: readonly { value: T }[]) => [...new Set(items.map((item) => item.value))];
  const ticked = distinct(options.filter((option) => option.segment.tick === 'ticked'));
  if (ticked.length === 1) return { kind: 'one', value: ticked[0]! };
  if (ticked.length > 1) return { kind: 'several', values: ticked };
  if (options.some((option) => option.segment.tick === 'unticked')) return { kind: 'none' };
  const neutral = distinct(options);
  return neutral.length === 1 ? { kind: 'one', value: neutral[0]! } : { kind: 'none' };
}

/** Service options listed on the form: ticked lines, or lines worded as options. */
export function serviceOptions(segments: readonly FormSegment[]) {
  return segments.flatMap((segment) => {
    const looksLikeOption =
      segment.tick !== 'none' ||
      segment.words[0] === 'servizio' ||
      segment.words[0] === 'servizo' ||
      segment.words[0] === 'sostegni';
    const value = looksLikeOption ? serviceOptionOf(segment.words) : null;
    return value ? [{ value, segment }] : [];
  });
}

/** SAAP operator profiles listed on the form. */
export function profileOptions(segments: readonly FormSegment[]) {
  return segments.flatMap((segment): { value: OperatorProfile; segment: FormSegment }[] => {
    const words = segment.words;
    if (words[0] === 'per') return [];
    const value = profileOfPhrase(words.join(' '));
    return value ? [{ value, segment }] : [];
  });
}

/** The "FREQUENZA SCUOLA SECONDARIA II° GRADO" line, if present. */
export function upperSecondaryOptions(segments: readonly FormSegment[]) {
  return segments
    .filter((segment) => has(segment.words, 'scuola', 'secondaria') && segment.words[0] !== 'per')
    .map((segment) => ({ value: true, segment }));
}

/** Day units listed on the RICHIESTA DI INGRESSO. */
export function dayUnitOptions(segments: readonly FormSegment[]) {
  return segments.flatMap((segment): { value: DayUnit; segment: FormSegment }[] => {
    if (segment.words[0] === 'udo' || segment.words.length > 14) return [];
    const unit = findDayUnit(segment.text);
    return unit ? [{ value: unit, segment }] : [];
  });
}

/**
 * A unit ticked under the UDO label that is none of the nine (a unit renamed or added by hand): its
 * text, so that the rule can say it is unknown rather than missing.
 */
export function tickedUnlistedUnit(segments: readonly FormSegment[]): string | null {
  const label = segments.findIndex((segment) => labelAt(segment.words)?.field === 'dayUnit');
  if (label < 0) return null;
  for (const segment of segments.slice(label + 1)) {
    if (segment.tick === 'none') return null;
    if (segment.tick === 'ticked' && segment.text.trim() !== '') return segment.text.trim();
  }
  return null;
}
