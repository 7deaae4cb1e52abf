import { ambitoMunicipalities } from '../../domain/catalogue/municipalities.js';
import type { Database } from '../database/database.js';

/** Makes sure the 48 Comuni of the Ambito are in the database (idempotent, one statement). */
export async function syncMunicipalities(database: Database): Promise<number> {
  const result = await database.prisma.municipality.createMany({
    data: ambitoMunicipalities.map((municipality) => ({
      istatCode: municipality.istatCode,
      cadastralCode: municipality.cadastralCode,
      name: municipality.name,
      inAmbito: true,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
