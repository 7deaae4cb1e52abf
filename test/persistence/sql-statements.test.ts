import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlIn, valueRows, type Sql } from '../../prisma/database/sql.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

// Every byte value, and more than one row: what the intake writes of each message it registers.
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

/** A list of rows written through `valueRows` and read back in the order given. */
async function writeAndRead(sql: Sql, label: string) {
  const ids = [randomUUID(), randomUUID()];
  const written = await sql.run`
    INSERT INTO inbound_message (id, mailbox, dedupe_key, content_hash, received_at, raw, size_bytes, uid)
    VALUES ${valueRows([
      [ids[0], 'INBOX', `${label}-a`, 'hash-a', new Date('2027-03-01T09:00:00Z'), everyByte, 256, 7n],
      [
        ids[1],
        'INBOX',
        `${label}-b`,
        'hash-b',
        new Date('2027-03-01T09:00:01Z'),
        new Uint8Array([0]),
        1,
        null,
      ],
    ])}`;
  const rows = await sql.rows<{ id: string; raw: Buffer; uid: string | null; received_at: Date }>`
    SELECT id::text AS id, raw, uid::text AS uid, received_at FROM inbound_message
    WHERE id = ANY(${ids}::uuid[]) ORDER BY dedupe_key`;
  return { written, ids, rows };
}

describe.each(databaseKinds)('raw statements with a list of rows on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    db = await migratedDatabase(create);
  }, 60_000);
  afterAll(() => db?.close());

  it('writes each row with its own parameters, bytes unchanged, on the pool', async () => {
    const { written, ids, rows } = await writeAndRead(db.database.sql, 'pool');
    expect(written).toBe(2);
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(Buffer.compare(rows[0]!.raw, everyByte)).toBe(0);
    expect([...rows[1]!.raw]).toEqual([0]);
    expect(rows.map((row) => row.uid)).toEqual(['7', null]);
    expect(rows[0]!.received_at.toISOString()).toBe('2027-03-01T09:00:00.000Z');
  });

  it('writes the same inside an ORM transaction, and rolls back with it', async () => {
    const { written, rows } = await db.database.prisma.$transaction((tx) => writeAndRead(sqlIn(tx), 'orm'));
    expect(written).toBe(2);
    expect(Buffer.compare(Buffer.from(rows[0]!.raw), everyByte)).toBe(0);
    await expect(
      db.database.prisma.$transaction(async (tx) => {
        await writeAndRead(sqlIn(tx), 'rolled-back');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const left = await db.database.sql.rows`
      SELECT 1 FROM inbound_message WHERE dedupe_key LIKE ${'rolled-back-%'}`;
    expect(left).toEqual([]);
  });

  it('refuses an empty list of rows (VALUES needs one)', () => {
    expect(() => valueRows([])).toThrow('at least one row');
  });
});
