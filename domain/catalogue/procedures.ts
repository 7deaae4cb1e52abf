import type { ServiceCode } from './service-codes.js';

/** The kinds of request that open an administrative procedure. */
export type RequestKind = 'activation' | 'day_centre_entry' | 'variation' | 'cessation';

/**
 * An administrative procedure opened by a request, with what L. 241/1990 art. 8 requires the
 * start-of-procedure notice to state. Modelled on the Cremona social-affairs table (seed
 * procedimenti-affari-sociali-cremona) and adapted to Comunità Sociale Cremasca.
 */
export interface ProcedureDefinition {
  readonly id: string;
  readonly requestKind: RequestKind;
  /** Services the procedure covers; empty means every service of that request kind. */
  readonly services: readonly ServiceCode[];
  readonly name: string;
  readonly office: string;
  readonly responsibleRole: string;
  readonly substitutePowerHolder: string;
  /** Legal term to conclude the procedure, in calendar days from receipt. */
  readonly legalTermDays: number;
  /** Silence never means consent here (Cremona table: "No" for every procedure). */
  readonly silenceMeansConsent: false;
  readonly finalAct: string;
  readonly source: string;
}

const office =
  'Ufficio Amministrazione – Comunità Sociale Cremasca a.s.c., Via Goldaniga 11, 26013 Crema (CR)';
const responsibleRole = "Responsabile dell'Area Amministrativa";
const substitutePowerHolder = 'Direttore Generale di Comunità Sociale Cremasca';
const activationAct =
  'Comunicazione di attivazione del servizio e dei costi, con trasmissione del contratto di avvio all’ente accreditato';

export const procedureDefinitions: readonly ProcedureDefinition[] = [
  {
    id: 'activation-home-care',
    requestKind: 'activation',
    services: ['SAD', 'SADH'],
    name: 'Attivazione del Servizio di Assistenza Domiciliare Anziani e Disabili (SAD-SADH)',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 15,
    silenceMeansConsent: false,
    finalAct: activationAct,
    source: 'procedimenti Cremona n. 5 (servizi al domicilio SAD: 15 giorni)',
  },
  {
    id: 'activation-home-education',
    requestKind: 'activation',
    services: ['ADM', 'ADEA'],
    name: 'Attivazione del Servizio di Assistenza Educativa Domiciliare Minori e Adulti (ADM-ADEA)',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 30,
    silenceMeansConsent: false,
    finalAct: activationAct,
    source: 'procedimenti Cremona n. 7 (Assistenza Domiciliare Minori: 30 giorni)',
  },
  {
    id: 'activation-protected-meetings',
    requestKind: 'activation',
    services: ['SIP'],
    name: 'Attivazione del Servizio Incontri Protetti (SIP)',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 15,
    silenceMeansConsent: false,
    finalAct: activationAct,
    source: 'procedimenti Cremona n. 8 (luogo neutro, incontri protetti: 15 giorni)',
  },
  {
    id: 'activation-school-assistance',
    requestKind: 'activation',
    services: ['SAAP'],
    name: "Attivazione del Servizio di Assistenza per l'Autonomia Personale degli alunni disabili (SAAP)",
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 60,
    silenceMeansConsent: false,
    finalAct: activationAct,
    source: 'procedimenti Cremona n. 6 (integrazione del minore disabile: 60 giorni)',
  },
  {
    id: 'day-centre-entry',
    requestKind: 'day_centre_entry',
    services: [],
    name: 'Inserimento in servizio semiresidenziale per disabili (CDD-CSE-SFA)',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 30,
    silenceMeansConsent: false,
    finalAct:
      "Comunicazione di inserimento e dei costi, con trasmissione del contratto di avvio all'ente gestore",
    source: 'procedimenti Cremona n. 13 (strutture semiresidenziali: 30 giorni)',
  },
  {
    id: 'project-variation',
    requestKind: 'variation',
    services: [],
    name: 'Variazione progettuale di un servizio attivato',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 30,
    silenceMeansConsent: false,
    finalAct: "Comunicazione della variazione all'ente gestore e aggiornamento dell'impegno di spesa",
    source: 'L. 241/1990 art. 2 c. 2 (termine generale di 30 giorni)',
  },
  {
    id: 'service-cessation',
    requestKind: 'cessation',
    services: [],
    name: 'Cessazione anticipata di un servizio attivato',
    office,
    responsibleRole,
    substitutePowerHolder,
    legalTermDays: 30,
    silenceMeansConsent: false,
    finalAct: "Comunicazione dell'interruzione all'ente gestore",
    source: 'L. 241/1990 art. 2 c. 2; disciplinare, SAD "Specifiche" (modulo di cessazione)',
  },
];

/** The procedure a request of `kind` for `service` opens, or null when none is catalogued. */
export function procedureFor(
  kind: RequestKind,
  service: ServiceCode | null,
  procedures: readonly ProcedureDefinition[] = procedureDefinitions,
): ProcedureDefinition | null {
  const ofKind = procedures.filter((procedure) => procedure.requestKind === kind);
  return (
    ofKind.find((procedure) => service !== null && procedure.services.includes(service)) ??
    ofKind.find((procedure) => procedure.services.length === 0) ??
    null
  );
}
