import { economicParameters, type EconomicParameters } from './economic-parameters.js';
import { procedureDefinitions, type ProcedureDefinition } from './procedures.js';
import { serviceDefinitions, type ServiceDefinition } from './services.js';
import { tariffEntries, type TariffEntry } from './tariffs.js';

/**
 * The rulebook as data: services, tariffs, parameters and procedures. Functions take it as an
 * argument (defaulting to the disciplinare in force) so that a revised edition is a data change.
 */
export interface Catalogue {
  readonly services: readonly ServiceDefinition[];
  readonly tariffs: readonly TariffEntry[];
  readonly parameters: readonly EconomicParameters[];
  readonly procedures: readonly ProcedureDefinition[];
}

export const defaultCatalogue: Catalogue = {
  services: serviceDefinitions,
  tariffs: tariffEntries,
  parameters: economicParameters,
  procedures: procedureDefinitions,
};
