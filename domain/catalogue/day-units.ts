import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** A day-care unit (UDO) of the RICHIESTA DI INGRESSO IN SERVIZIO DIURNO. */
export interface DayUnit {
  readonly id: string;
  /** The name as printed on the form. */
  readonly name: string;
  readonly service: 'CDD' | 'CSE' | 'SFA';
  readonly town: string;
  readonly manager: string | null;
  /** Distinctive words that identify the unit in free text, besides its service code. */
  readonly keywords: readonly string[];
}

// The nine units listed on the form (disciplinare, allegato RICHIESTA DI INGRESSO IN SERVIZIO DIURNO).
export const dayUnits: readonly DayUnit[] = [
  {
    id: 'cdd-il-sole-crema',
    name: 'CDD Il Sole – Crema',
    service: 'CDD',
    town: 'Crema',
    manager: null,
    keywords: ['sole'],
  },
  {
    id: 'cdd-lo-scricciolo-fiesco',
    name: 'CDD Lo Scricciolo – Fiesco',
    service: 'CDD',
    town: 'Fiesco',
    manager: null,
    keywords: ['scricciolo'],
  },
  {
    id: 'cse-le-villette',
    name: 'CSE Le Villette (Fondazione Alba Anffas Crema Onlus)',
    service: 'CSE',
    town: 'Crema',
    manager: 'Fondazione Alba Anffas Crema Onlus',
    keywords: ['villette'],
  },
  {
    id: 'cse-s-stefano',
    name: 'CSE S. Stefano (Fondazione Alba Anffas Crema Onlus)',
    service: 'CSE',
    town: 'Crema',
    manager: 'Fondazione Alba Anffas Crema Onlus',
    keywords: ['stefano'],
  },
  {
    id: 'cse-casa-colnaghi-rivolta',
    name: "CSE Casa Colnaghi – Rivolta d'Adda",
    service: 'CSE',
    town: "Rivolta d'Adda",
    manager: null,
    keywords: ['colnaghi'],
  },
  {
    id: 'cse-il-seme-castelleone',
    name: 'CSE Il Seme – Castelleone',
    service: 'CSE',
    town: 'Castelleone',
    manager: null,
    keywords: ['seme'],
  },
  {
    id: 'sfa-il-seme-castelleone',
    name: 'SFA Il Seme – Castelleone',
    service: 'SFA',
    town: 'Castelleone',
    manager: null,
    keywords: ['seme'],
  },
  {
    id: 'sfa-b-integrato-crema',
    name: 'SFA-B Integrato (Coop. Igea) – Crema',
    service: 'SFA',
    town: 'Crema',
    manager: 'Coop. Igea',
    keywords: ['integrato', 'igea'],
  },
  {
    id: 'sfa-kalimero-crema',
    name: 'SFA Kalimero (Coop. Koala) – Crema',
    service: 'SFA',
    town: 'Crema',
    manager: 'Coop. Koala',
    keywords: ['kalimero', 'koala'],
  },
];

/**
 * Recognises a day unit in free text ("CSE Il Seme - Castelleone", "il seme (cse)", "Kalimero").
 * The service code decides between units sharing a name (Il Seme is both a CSE and an SFA); text
 * naming no service matches only when exactly one unit fits.
 */
export function findDayUnit(text: string): DayUnit | null {
  const normalized = ` ${normalizeForMatching(text)} `;
  const words = new Set(normalized.trim().split(' '));
  const namedService = (['cdd', 'cse', 'sfa'] as const).filter(
    (code) => words.has(code) || normalized.includes(` ${code} b `),
  );
  const candidates = dayUnits.filter((unit) => unit.keywords.some((keyword) => words.has(keyword)));
  const narrowed =
    namedService.length > 0
      ? candidates.filter((unit) => namedService.includes(unit.service.toLowerCase() as 'cdd'))
      : candidates;
  return narrowed.length === 1 ? (narrowed[0] ?? null) : null;
}

export function dayUnitById(id: string): DayUnit | null {
  return dayUnits.find((unit) => unit.id === id) ?? null;
}
