import { ambitoMunicipalities } from '../../../domain/catalogue/municipalities.js';
import { demoDomainName } from '../../../prisma/seed/demo-counterparts.js';
import type { Counterpart, CounterpartDirectory } from '../../../services/intake/counterpart-directory.js';

/** The registry of counterparts in memory, holding what the demo seed registers (and any extra entries). */
export class InMemoryCounterparts implements CounterpartDirectory {
  private readonly entries = new Map<string, Counterpart>();

  constructor(extra: Readonly<Record<string, Counterpart>> = {}) {
    for (const municipality of ambitoMunicipalities) {
      const name = demoDomainName(municipality.name);
      const municipalityId = municipality.istatCode;
      this.entries.set(`comune.${name}.cr.it`, { kind: 'municipality', municipalityId, pec: false });
      this.entries.set(`pec.comune.${name}.cr.it`, { kind: 'municipality', municipalityId, pec: true });
    }
    for (const [address, counterpart] of Object.entries(extra)) this.entries.set(address, counterpart);
  }

  async whoAre(addresses: readonly string[]): Promise<ReadonlyMap<string, Counterpart>> {
    const found = new Map<string, Counterpart>();
    for (const address of addresses) {
      const entry = this.entries.get(address) ?? this.entries.get(address.slice(address.indexOf('@') + 1));
      if (entry) found.set(address, entry);
    }
    return found;
  }
}
