import { wordsOf } from './form-text.js';

/** A field of the forms and the labels that introduce it (longest first when matching). */
export type FieldKey =
  | 'fullName'
  | 'surname'
  | 'name'
  | 'birthDate'
  | 'taxCode'
  | 'municipality'
  | 'serviceType'
  | 'startDate'
  | 'endDate'
  | 'effectiveDate'
  | 'cessationDate'
  | 'annualHours'
  | 'provider'
  | 'mainActivity'
  | 'secondaryActivities'
  | 'annualBudget'
  | 'coPayingMunicipality'
  | 'dayUnit'
  | 'attendance'
  | 'change'
  | 'reason'
  | 'socialWorker'
  | 'placeAndDate';

// Labels as printed on the forms (disciplinare, allegati) and the variants Comuni write.
const fieldLabels: Record<FieldKey, string[]> = {
  fullName: ['cognome e nome', 'cognome nome', 'nome e cognome', 'nominativo', 'beneficiario'],
  surname: ['cognome'],
  name: ['nome'],
  birthDate: [
    'data di nascita',
    'data nascita',
    'nato a il',
    'nata a il',
    'nato il',
    'nata il',
    'nato a',
    'nata a',
  ],
  taxCode: ['codice fiscale', 'cod fiscale', 'c f', 'cf'],
  municipality: ['comune di residenza', 'residente a', 'residenza', 'comune residenza'],
  serviceType: ['tipo di servizio', 'tipologia di servizio', 'servizio richiesto'],
  startDate: [
    'data di avvio servizio',
    'data di avvio frequenza',
    'data avvio servizio',
    'data di avvio',
    'data avvio',
    'data di inizio',
    'data inizio',
    'decorrenza',
  ],
  endDate: [
    'data termine servizio',
    'data di termine servizio',
    'data di termine',
    'data termine',
    'data di fine',
    'data fine',
  ],
  effectiveDate: [
    'data di decorrenza variazione progettuale',
    'data di decorrenza variazione',
    'data decorrenza variazione',
    'data di decorrenza',
    'decorrenza variazione',
  ],
  cessationDate: [
    'data di cessazione',
    'data cessazione',
    'cessazione dal',
    'data di conclusione',
    'data di dimissione',
  ],
  annualHours: ['monte ore annuale', 'monte ore annuo', 'monte ore', 'ore annuali', 'ore annue'],
  provider: [
    'ente accreditato prescelto',
    'ente accreditato',
    'ente gestore prescelto',
    'ente gestore',
    'ente prescelto',
  ],
  mainActivity: ['prestazione prevalente'],
  secondaryActivities: ['prestazioni secondarie', 'prestazione secondaria'],
  annualBudget: [
    'budget annuale previsto',
    'nuovo budget annuale assegnato',
    'nuovo budget annuale',
    'budget annuale assegnato',
    'budget annuale',
    'budget previsto',
    'budget',
  ],
  coPayingMunicipality: [
    'per adm o sip indicare eventuale comune che compartecipa alla spesa',
    'comune che compartecipa alla spesa',
    'comune compartecipante',
    'comune che compartecipa',
  ],
  dayUnit: [
    'udo presso cui e richiesto l inserimento',
    'udo presso cui e richiesto l ingresso',
    'unita d offerta',
    'udo',
  ],
  attendance: ['tipo di frequenza prevista', 'tipo di frequenza', 'frequenza prevista'],
  change: ['variazione richiesta', 'modifica richiesta', 'variazione da apportare'],
  reason: ['motivo della cessazione', 'motivazione', 'motivo'],
  socialWorker: ['assistente sociale di riferimento', 'assistente sociale', 'case manager'],
  placeAndDate: ['luogo e data', 'luogo data'],
};

/** Lines that belong to the form but carry no value of their own: a value search stops at them. */
const structuralLabels = [
  'dati anagrafici beneficiario',
  'firma del responsabile di servizio',
  'il responsabile del servizio',
  'per servizio saap specificare il profilo',
  'spett le',
  'con la presente si richiede',
  'legenda prestazioni',
];

export interface LabelMatch {
  readonly field: FieldKey;
  readonly label: readonly string[];
}

const labelIndex: LabelMatch[] = Object.entries(fieldLabels)
  .flatMap(([field, labels]) =>
    labels.map((label) => ({ field: field as FieldKey, label: label.split(' ') })),
  )
  .sort((a, b) => b.label.length - a.label.length);

const structuralIndex = structuralLabels.map((label) => label.split(' '));

/** The field label a segment starts with (the longest that fits), or null. */
export function labelAt(words: readonly string[]): LabelMatch | null {
  return labelIndex.find((entry) => startsWith(words, entry.label)) ?? null;
}

/** True when a segment is a label or a heading of the form rather than a value. */
export function isFormScaffolding(words: readonly string[]): boolean {
  return labelAt(words) !== null || structuralIndex.some((label) => startsWith(words, label));
}

function startsWith(words: readonly string[], label: readonly string[]): boolean {
  if (words.length < label.length) return false;
  for (let i = 0; i < label.length; i += 1) if (words[i] !== label[i]) return false;
  return true;
}

/** The words of a label, for callers that match by hand. */
export function labelWords(text: string): string[] {
  return wordsOf(text);
}
