import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { activationLines, formMessage, variationFormLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

// Messages of one batch are read together but take effect in arrival order: a variation that
// follows, in the same batch, the activation opening its project finds that project (seed l. 492-504).
describe.each(databaseKinds)('a batch read together on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;

  beforeAll(async () => {
    db = await officeDatabase(create);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('applies a variation to the project an activation earlier in the same batch opened', async () => {
    const intake = intakeOn(new PrismaIntakeStore(db.database), { readsTogether: 2 });
    const activation = formMessage(activationLines(), 'batch-a1');
    const variation = formMessage(variationFormLines({ decorrenza: '01/04/2027' }), 'batch-v1');
    expect(await intake.handleBatch([fetched(activation, 1n), fetched(variation, 2n)])).toEqual([
      'processed',
      'processed',
    ]);
    const request = await db.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<batch-v1@comune.crema.cr.it>' },
      select: { status: true, problems: true, projectChange: true },
    });
    expect(request.problems).toEqual([]);
    expect(request.status).toBe('acknowledged');
    expect(request.projectChange).toMatchObject({ kind: 'variation', committedBudgetCents: 520_000 });
  });
});
