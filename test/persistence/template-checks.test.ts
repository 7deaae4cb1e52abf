import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaTemplateChecks } from '../../prisma/repositories/prisma-template-checks.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

describe.each(databaseKinds)('the contract templates found valid, on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    db = await migratedDatabase(create);
  });
  afterAll(async () => db.close());

  it('knows only the fingerprints it was told, and is told twice without harm', async () => {
    const checks = new PrismaTemplateChecks(db.database);
    const [first, second, third] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    expect(await checks.known([first!, second!])).toEqual(new Set());
    await checks.remember([first!, second!]);
    await checks.remember([second!]);
    await checks.remember([]);
    expect(await checks.known([first!, second!, third!])).toEqual(new Set([first, second]));
  });
});
