import { AppError } from '../../domain/app-error.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';

/** One entry of the registry as staff see it. */
export interface CounterpartEntry {
  readonly address: string;
  /** `Comune di Crema` or the provider's name. */
  readonly owner: string;
  readonly pec: boolean;
  readonly receivesNotices: boolean;
  readonly isDemo: boolean;
}

/** A new entry, checked: a mailbox or a domain, of one Comune or one provider. */
export interface NewCounterpartEntry {
  readonly address: string;
  readonly owner: { readonly municipalityId: string } | { readonly providerName: string };
  readonly pec: boolean;
  readonly receivesNotices: boolean;
}

/** The registry as staff edit it; every change is audited with who made it. */
export interface CounterpartStore {
  list(): Promise<CounterpartEntry[]>;
  /** Adds an entry; `provider_unknown` when no provider has that name, `conflict` when registered already. */
  add(entry: NewCounterpartEntry, actor: string): Promise<void>;
  /** Removes an entry; false when there was none. */
  remove(address: string, actor: string): Promise<boolean>;
}

const mailbox = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const domain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** What staff typed, as an entry: Italian errors for what cannot be registered. */
export function newCounterpartEntry(input: {
  address: string;
  municipality?: string | undefined;
  provider?: string | undefined;
  pec: boolean;
  office: boolean;
}): NewCounterpartEntry {
  const address = input.address.trim().toLowerCase().replace(/^@/, '');
  const invalid = (message: string) => new AppError('invalid_input', message, { userMessage: message });
  if (!mailbox.test(address) && !domain.test(address))
    throw invalid(`«${input.address}» non è un indirizzo e-mail né un dominio.`);
  if (input.office && !mailbox.test(address))
    throw invalid('Un ufficio a cui scrivere è un indirizzo e-mail, non un dominio.');
  if (!!input.municipality === !!input.provider)
    throw invalid('Indicare il Comune (--comune) oppure l’ente (--ente) a cui appartiene l’indirizzo.');
  if (input.municipality) {
    const municipality = findAmbitoMunicipality(input.municipality);
    if (!municipality) throw invalid(`«${input.municipality}» non è uno dei 48 Comuni dell'Ambito.`);
    return {
      address,
      owner: { municipalityId: municipality.istatCode },
      pec: input.pec,
      receivesNotices: input.office,
    };
  }
  return {
    address,
    owner: { providerName: input.provider!.trim() },
    pec: input.pec,
    receivesNotices: input.office,
  };
}
