import pg from 'pg';
import { ambitoMunicipalities } from '../../domain/catalogue/municipalities.js';

/**
 * True when every Comune of the Ambito is in the database and, when asked for, the demo data and
 * the demo registry of counterparts too.
 * One plain query, so that a warm start does not pay for Prisma's first query (its engine starting,
 * about 0.2 s) only to learn that there is nothing to insert; on any doubt the seed runs.
 */
export async function seedingDone(
  databaseUrl: string,
  withDemoData: boolean,
  withDemoCounterparts: boolean,
): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ municipalities: number; demo: boolean; counterparts: boolean }>(
      `SELECT (SELECT count(*)::int FROM municipality WHERE istat_code = ANY($1) AND in_ambito) AS municipalities,
              EXISTS (SELECT 1 FROM provider WHERE is_demo) AS demo,
              EXISTS (SELECT 1 FROM counterpart_address WHERE is_demo AND municipality_id IS NOT NULL) AS counterparts`,
      [ambitoMunicipalities.map((municipality) => municipality.istatCode)],
    );
    const state = rows[0]!;
    return (
      state.municipalities === ambitoMunicipalities.length &&
      (!withDemoData || state.demo) &&
      (!withDemoCounterparts || state.counterparts)
    );
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
