import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../prisma/database/database.js';
import { backupPostgres, restorePostgres } from '../../prisma/database/postgres-backup.js';
import { PrismaConsoleStore } from '../../prisma/repositories/prisma-console-store.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { RequestRegister } from '../../services/office/request-register.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { testStaff } from '../support/contract-services.js';
import { officeDatabase, scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

const filters = {
  municipalityId: null,
  service: null,
  status: null,
  from: null,
  to: null,
  text: null,
  sort: 'newest' as const,
  page: 1,
};

// Issue 27: the restore drill — data in, backup, a fresh database, restore: the same history and
// the same console pages, and the register's protections restored with the data.
describe('a backup restored into a fresh PostgreSQL database', () => {
  let source: Awaited<ReturnType<typeof officeDatabase>>;
  let target: ScratchDatabase;
  let restored: Database;
  let protocols: string[];

  beforeAll(async () => {
    source = await officeDatabase(scratchPostgres);
    protocols = [
      (await acceptedRequest(source.database, { receivedOn: '2027-02-10' })).protocol,
      (await acceptedRequest(source.database, { receivedOn: '2027-02-11', status: 'integration_requested' }))
        .protocol,
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'sportello-backup-')), 'sportello.dump');
    await backupPostgres(source.scratch.url, file);
    target = await scratchPostgres();
    await restorePostgres(target.url, file);
    restored = new Database(target.url, { poolSize: 2 });
  }, 120_000);
  afterAll(async () => {
    await restored?.close();
    await target?.drop();
    await source?.close();
  });

  const registerOn = (database: Database) =>
    new RequestRegister(
      new PrismaConsoleStore(database),
      new PrismaRequestHistory(database),
      new PrismaReadLog(database),
    );

  it('gives back the same requests, histories and console pages', async () => {
    for (const protocol of protocols)
      expect(await new PrismaRequestHistory(restored).recordsOf(protocol)).toEqual(
        await new PrismaRequestHistory(source.database).recordsOf(protocol),
      );
    expect(await registerOn(restored).list(testStaff, filters)).toEqual(
      await registerOn(source.database).list(testStaff, filters),
    );
    const page = (database: Database) => registerOn(database).request(testStaff, protocols[0]!);
    expect(await page(restored)).toEqual(await page(source.database));
  });

  it('restores the register with its protections, and refuses to restore over a database in use', async () => {
    await expect(
      restored.prisma
        .$executeRaw`UPDATE request SET protocol = '2027/0009999' WHERE protocol = ${protocols[0]}`,
    ).rejects.toThrow(/registro di protocollo/);
    await expect(restorePostgres(source.scratch.url, '/nonexistent.dump')).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringContaining('database nuovo e vuoto'),
    });
  });
});
