import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ambitoMunicipalities } from '../../domain/catalogue/municipalities.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Every pool of Sportello (the application's, the job queue's) talks to the same database at
// once, while some connection is inside a transaction: each query must get its own answer.
describe.each(databaseKinds)('concurrent connections on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;

  beforeAll(async () => {
    db = await migratedDatabase(create);
    await syncMunicipalities(db.database);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  /** Repeats short transactions on a connection of its own until `stop` is called. */
  function holdTransactions(run: (pause: () => Promise<unknown>) => Promise<unknown>) {
    let stopped = false;
    const loop = (async () => {
      while (!stopped) await run(() => sleep(3));
    })();
    return async () => {
      stopped = true;
      await loop;
    };
  }

  it('answers each parameterised query with its own rows while another connection holds a transaction', async () => {
    const connect = async () => {
      const client = new pg.Client(db.scratch.url);
      await client.connect();
      return client;
    };
    const clients = await Promise.all(Array.from({ length: 5 }, connect));
    const holder = await connect();
    const stop = holdTransactions(async (pause) => {
      await holder.query('BEGIN');
      await holder.query('SELECT $1::int', [0]);
      await pause();
      await holder.query('COMMIT');
    });
    const failures: string[] = [];
    try {
      await Promise.all(
        clients.map(async (client, k) => {
          for (let i = 0; i < 150; i += 1) {
            const n = k * 1000 + i;
            try {
              const { rows } = await client.query('SELECT $1::int AS n, $2::text AS label', [n, `q${n}`]);
              if (rows[0]?.n !== n || rows[0]?.label !== `q${n}`)
                failures.push(`${n}: ${JSON.stringify(rows)}`);
            } catch (error) {
              failures.push(`${n}: ${(error as Error).message}`);
            }
          }
        }),
      );
    } finally {
      await stop();
      await Promise.all([...clients, holder].map((client) => client.end()));
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('keeps the job queue’s pool exact while Prisma runs interactive transactions (seed beside pg-boss)', async () => {
    const prisma = db.database.prisma;
    const queuePool = new pg.Pool({ connectionString: db.scratch.url, max: 3 });
    const stop = holdTransactions((pause) =>
      prisma.$transaction(async (tx) => {
        await tx.municipality.count();
        await pause();
        await tx.municipality.findFirst({ where: { inAmbito: true }, select: { name: true } });
      }),
    );
    const failures: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, k) => {
          for (let i = 0; i < 60; i += 1) {
            const expected = ambitoMunicipalities[(k * 7 + i) % ambitoMunicipalities.length]!;
            try {
              const { rows } = await queuePool.query('SELECT name FROM municipality WHERE istat_code = $1', [
                expected.istatCode,
              ]);
              if (rows[0]?.name !== expected.name) failures.push(`${expected.name}: ${JSON.stringify(rows)}`);
            } catch (error) {
              failures.push(`${expected.name}: ${(error as Error).message}`);
            }
          }
        }),
      );
    } finally {
      await stop();
      await queuePool.end();
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
