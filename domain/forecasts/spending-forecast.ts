import { addDays, type CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { isServiceCode, type ServiceCode } from '../catalogue/service-codes.js';
import { serviceDefinition } from '../catalogue/services.js';
import { inspectTaxCode } from '../tax-code/inspect-tax-code.js';
import { readForecastLines, type ForecastLineRead } from './forecast-lines.js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** A Comune's spending forecast (previsionale di spesa), as far as a message says it. */
export interface SpendingForecast {
  /** The one service it is about, when it names exactly one. */
  readonly service: ServiceCode | null;
  /** The valid codici fiscali of its detail table, in order, each once. */
  readonly taxCodes: readonly string[];
  /** Each codice fiscale's row of the detail: hours and budget as far as it says them. */
  readonly lines: readonly ForecastLineRead[];
}

// Seed l. 343-356 (SAD), 837-850 (ADM), 1315-1328 (SIP), 1811-1834 (SAAP), 2207-2220 (day centres):
// the Comuni send a forecast of the next (school) year's spending with the detail of the users.
const forecastWords =
  /\b(previsione|previsionale|preventivo) (annuale )?(di |della )?spesa\b|\bprevisionale\b/;
const preparingWords =
  /\b(per|da) (predisporre|preparare|redigere|compilare|elaborare|fare|inviare) (il |la |un |una )?(nostr[oa] )?(previsional|previsione)/;
const serviceWords: [RegExp, ServiceCode][] = [
  [/\bsaap\b/, 'SAAP'],
  [/\bsadh?\b/, 'SAD'],
  [/\badm\b/, 'ADM'],
  [/\bsip\b/, 'SIP'],
];
const taxCodeShape = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/g;

/** The forecast a message carries (subject, body or attachments), or null when it is not one. */
export async function readSpendingForecast(
  subject: string,
  texts: readonly { readonly text: string }[],
): Promise<SpendingForecast | null> {
  const all = [subject, ...texts.map((entry) => entry.text)];
  const normalized = all.map(normalizeForMatching).join('\n');
  if (!forecastWords.test(normalized)) return null;
  // A question about preparing one («per predisporre il previsionale») is not the forecast itself:
  // without a beneficiary's codice fiscale, a forecast must say so in its subject.
  const inSubject = forecastWords.test(normalizeForMatching(subject));
  const services = new Set(
    serviceWords.filter(([words]) => words.test(normalized)).map(([, service]) => service),
  );
  const candidates = [...new Set(all.join('\n').toUpperCase().match(taxCodeShape) ?? [])];
  const taxCodes: string[] = [];
  for (const candidate of candidates) if ((await inspectTaxCode(candidate)).valid) taxCodes.push(candidate);
  if (taxCodes.length === 0 && (!inSubject || preparingWords.test(normalized))) return null;
  const [only] = services;
  return {
    service: services.size === 1 && only && isServiceCode(only) ? only : null,
    taxCodes,
    lines: readForecastLines(all, taxCodes),
  };
}

/** When a forecast's cumulative contracts are due, by the catalogue's terms of its service. */
export interface CumulativeContractTerms {
  /** The day the contracts are to reach the providers. */
  readonly dueOn: CalendarDate;
  /** Working days the providers have to return them signed. */
  readonly returnWorkingDays: number;
}

/**
 * Seed l. 353, 847, 1325, 1831, 2217: the cumulative contracts go to the providers within the
 * service's days of the forecast. A forecast naming no single service is dated by the common terms
 * of the hourly services (SAD's); null for a service without cumulative contracts.
 */
export function cumulativeContractTerms(
  service: ServiceCode | null,
  receivedOn: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): CumulativeContractTerms | null {
  const { contract } = serviceDefinition(service ?? 'SAD', catalogue.services);
  if (contract.cumulativeAfterForecastDays === null || contract.cumulativeReturnWorkingDays === null)
    return null;
  return {
    dueOn: addDays(receivedOn, contract.cumulativeAfterForecastDays),
    returnWorkingDays: contract.cumulativeReturnWorkingDays,
  };
}
