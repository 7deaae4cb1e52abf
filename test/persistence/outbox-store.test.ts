import { describe, expect, it } from 'vitest';
import { PrismaOutboxStore } from '../../prisma/repositories/prisma-outbox-store.js';
import { officeDatabaseOfBlock } from '../support/office-database-hooks.js';
import { databaseKinds } from '../support/test-databases.js';

// The dispatcher records a claimed batch's failures in one statement: each row keeps its own
// reason, its own retry (or none), and nothing else in the outbox moves.
describe.each(databaseKinds)('the outbox store on %s', (_kind, create) => {
  const db = officeDatabaseOfBlock(create);

  it('records several failures at once, each with its reason and its retry or none', async () => {
    for (const key of ['retried', 'refused', 'untouched'])
      await db.database.prisma.outboxMessage.create({
        data: {
          idempotencyKey: `probe:${key}`,
          channel: 'teams',
          recipient: 'staff',
          payload: { type: 'text', text: key },
        },
      });
    const store = new PrismaOutboxStore(db.database);
    const claimed = await store.claim(['teams'], 10, 60_000);
    const idOf = (key: string) => claimed.find((row) => row.idempotencyKey === `probe:${key}`)!.id;
    const retryAt = new Date(Date.now() + 30 * 60_000);
    await store.markFailed([
      { id: idOf('retried'), error: 'nessuna conversazione Teams per staff', retryAt },
      { id: idOf('refused'), error: '550 no such user', retryAt: null },
    ]);
    const rows = await db.database.prisma.outboxMessage.findMany({
      orderBy: { idempotencyKey: 'asc' },
      select: {
        idempotencyKey: true,
        state: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        lockedUntil: true,
      },
    });
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row]));
    expect(byKey.get('probe:retried')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'nessuna conversazione Teams per staff',
      nextAttemptAt: retryAt,
      lockedUntil: null,
    });
    expect(byKey.get('probe:refused')).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: '550 no such user',
      lockedUntil: null,
    });
    expect(byKey.get('probe:untouched')).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
    expect(byKey.get('probe:untouched')!.lockedUntil).not.toBeNull();
    // Nothing to record is no statement at all.
    await store.markFailed([]);
  });
});
