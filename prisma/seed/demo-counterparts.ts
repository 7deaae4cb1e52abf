import { ambitoMunicipalities } from '../../domain/catalogue/municipalities.js';
import type { Database } from '../database/database.js';

/** `Rivolta d'Adda` → `rivoltadadda`: the name as it appears in the demo domains. */
export function demoDomainName(municipalityName: string): string {
  return municipalityName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * DEMO: registers for each of the 48 Comuni the domains `comune.<nome>.cr.it` and
 * `pec.comune.<nome>.cr.it` (PEC) and the office `servizi.sociali@comune.<nome>.cr.it`, where its
 * notices and quarterly summaries go. Fictitious for an installation: it registers the real ones.
 * True when something was added.
 */
export async function seedDemoCounterparts(database: Database): Promise<boolean> {
  const rows = ambitoMunicipalities.flatMap((municipality) => {
    const name = demoDomainName(municipality.name);
    const entry = (address: string, pec: boolean, receivesNotices: boolean) => ({
      address,
      municipalityId: municipality.istatCode,
      pec,
      receivesNotices,
      isDemo: true,
    });
    return [
      entry(`comune.${name}.cr.it`, false, false),
      entry(`pec.comune.${name}.cr.it`, true, false),
      entry(`servizi.sociali@comune.${name}.cr.it`, false, true),
    ];
  });
  const result = await database.prisma.counterpartAddress.createMany({ data: rows, skipDuplicates: true });
  return result.count > 0;
}
