import type { CalendarDate } from '../calendar/calendar-date.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { economicParameters, type EconomicParameters } from './economic-parameters.js';
import { procedureDefinitions, type ProcedureDefinition } from './procedures.js';
import { serviceDefinitions, type ServiceDefinition } from './services.js';
import { tariffEntries, type TariffEntry } from './tariffs.js';

/**
 * The rulebook as data: services, tariffs, parameters and procedures. Functions take it as an
 * argument (defaulting to the disciplinare in force) so that a revised edition is a data change.
 */
export interface Catalogue {
  /** The edition of the disciplinare the data comes from and its stated validity. */
  readonly edition: {
    readonly name: string;
    readonly validFrom: CalendarDate;
    readonly validTo: CalendarDate;
    readonly source: string;
  };
  readonly services: readonly ServiceDefinition[];
  readonly tariffs: readonly TariffEntry[];
  readonly parameters: readonly EconomicParameters[];
  readonly procedures: readonly ProcedureDefinition[];
}

export const defaultCatalogue: Catalogue = {
  edition: {
    name: 'Disciplinare per la gestione dei servizi accreditati di Comunità Sociale Cremasca',
    validFrom: '2023-01-01' as CalendarDate,
    validTo: '2024-12-31' as CalendarDate,
    source: 'disciplinare, l. 35 ("validità a partire dal 1° Gennaio 2023 fino al 31 dicembre 2024")',
  },
  services: serviceDefinitions,
  tariffs: tariffEntries,
  parameters: economicParameters,
  procedures: procedureDefinitions,
};

/**
 * When a request falls after the edition's validity, its tariffs are those of the last edition,
 * applied until a new one is adopted (seed l. 35: "sarà oggetto di revisione periodica"): staff are
 * told so on the card. A new edition is a data change: its tariffs with their own validity.
 */
export function catalogueNotice(on: CalendarDate, catalogue: Catalogue = defaultCatalogue): string | null {
  const { edition } = catalogue;
  if (on <= edition.validTo) return null;
  return `Tariffe e regole del disciplinare valido fino al ${formatShortItalianDate(edition.validTo)}, applicate in proroga: se è stato adottato un nuovo disciplinare, aggiornarne le tariffe prima di approvare.`;
}
