import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { Database } from '../../prisma/database/database.js';
import { restoreEmbedded } from '../../prisma/database/embedded-backup.js';
import { EmbeddedPostgres } from '../../prisma/database/embedded-postgres.js';
import { backupPostgres, restorePostgres } from '../../prisma/database/postgres-backup.js';
import { PrismaConsoleStore } from '../../prisma/repositories/prisma-console-store.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { RequestRegister } from '../../services/office/request-register.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { testStaff } from '../support/contract-services.js';
import { buildServer, projectRoot } from '../support/start-process.js';
import { officeDatabase, scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

const run = promisify(execFile);

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

/** Runs one of the built commands (`npm run backup`, `restore`) in its own process, as an office would. */
function command(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  return run(process.execPath, [join(projectRoot, 'build', `${name}.js`), ...args], {
    env: { PATH: process.env.PATH, ...env },
  });
}

describe('the embedded database, backed up and restored with Sportello stopped', () => {
  beforeAll(() => buildServer(), 120_000);

  it('refuses while it runs, then gives back the same history in a new folder, never over a database', async () => {
    const place = mkdtempSync(join(tmpdir(), 'sportello-embedded-backup-'));
    const dataDir = join(place, 'pglite');
    const file = join(place, 'sportello.tar.gz');
    const source = await officeDatabase(async () => {
      const embedded = await EmbeddedPostgres.start({ dataDir, maxConnections: 24 });
      return { kind: 'pglite', url: embedded.url, drop: () => embedded.stop() };
    });
    const { protocol } = await acceptedRequest(source.database, { receivedOn: '2027-02-10' });
    const history = await new PrismaRequestHistory(source.database).recordsOf(protocol);
    await expect(command('backup', [file], { EMBEDDED_DATA_DIR: dataDir })).rejects.toMatchObject({
      stderr: expect.stringContaining('è in uso da Sportello: fermarlo'),
    });
    expect(existsSync(file)).toBe(false);
    await source.close();

    expect((await command('backup', [file], { EMBEDDED_DATA_DIR: dataDir })).stdout).toContain(
      'Backup scritto',
    );
    await expect(restoreEmbedded(dataDir, file)).rejects.toMatchObject({ code: 'conflict' });
    // Not a backup: refused in Italian, and the new folder left as it was found, ready for a retry.
    const notABackup = join(place, 'appunti.txt');
    writeFileSync(notABackup, 'non è un backup');
    await expect(restoreEmbedded(join(place, 'wrong'), notABackup)).rejects.toMatchObject({
      code: 'invalid_input',
      userMessage: expect.stringContaining('non è un backup del database incorporato'),
    });
    expect(existsSync(join(place, 'wrong'))).toBe(false);
    const restoredDir = join(place, 'restored');
    await command('restore', [file], { EMBEDDED_DATA_DIR: restoredDir });
    const restored = await EmbeddedPostgres.start({ dataDir: restoredDir, maxConnections: 4 });
    const database = new Database(restored.url, { poolSize: 2 });
    try {
      expect(await new PrismaRequestHistory(database).recordsOf(protocol)).toEqual(history);
    } finally {
      await database.close();
      await restored.stop();
    }
  }, 120_000);
});

describe('npm run backup -- --nightly', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchPostgres();
    buildServer();
  }, 120_000);
  afterAll(() => scratch?.drop());

  it("writes today's file in BACKUP_DIR and deletes only nightly files older than BACKUP_KEEP_DAYS", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-nightly-'));
    for (const name of ['sportello-2000-01-01.dump', 'sportello-2000-01-01.tar.gz', 'appunti.txt'])
      writeFileSync(join(dir, name), 'old');
    const { stdout } = await command('backup', ['--nightly'], {
      DATABASE_URL: scratch.url,
      BACKUP_DIR: dir,
      BACKUP_KEEP_DAYS: '3',
    });
    expect(stdout).toContain('Eliminati i backup più vecchi di 3 giorni');
    expect(readdirSync(dir).sort()).toEqual(['appunti.txt', `sportello-${romeDateOf(new Date())}.dump`]);
    expect(existsSync(join(dir, `sportello-${romeDateOf(new Date())}.dump`))).toBe(true);
  }, 60_000);
});
