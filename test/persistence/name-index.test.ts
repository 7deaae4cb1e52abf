import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaBotQueries } from '../../prisma/repositories/prisma-bot-queries.js';
import { seedDemoData } from '../../prisma/seed/demo-data.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

// The names a budget question is matched against: the caller's open projects only, in one statement.
describe.each(databaseKinds)("the bot's name index on %s", (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let queries: PrismaBotQueries;

  beforeAll(async () => {
    db = await migratedDatabase(create);
    await syncMunicipalities(db.database);
    await seedDemoData(db.database);
    queries = new PrismaBotQueries(db.database);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it("gives staff every open project, a social worker her Comune's (and those it co-pays), a provider its own", async () => {
    const open = await db.database.prisma.project.findMany({
      where: { status: { in: ['active', 'pending'] } },
      select: { id: true, municipalityId: true, coPayingMunicipalityId: true, providerId: true },
    });
    const ids = (rows: readonly { projectId: string }[]) => rows.map((row) => row.projectId).sort();
    expect(ids(await queries.nameIndex({ municipalityId: null, providerId: null }))).toEqual(
      open.map((row) => row.id).sort(),
    );
    const crema = open.filter(
      (row) => row.municipalityId === '019035' || row.coPayingMunicipalityId === '019035',
    );
    expect(crema.length).toBeGreaterThan(0);
    expect(ids(await queries.nameIndex({ municipalityId: '019035', providerId: null }))).toEqual(
      crema.map((row) => row.id).sort(),
    );
    const providerId = open.find((row) => row.providerId)!.providerId!;
    const own = await queries.nameIndex({ municipalityId: null, providerId });
    expect(ids(own)).toEqual(
      open
        .filter((row) => row.providerId === providerId)
        .map((row) => row.id)
        .sort(),
    );
    expect(own.every((row) => row.surname.length > 0 && row.name.length > 0)).toBe(true);
  });
});
