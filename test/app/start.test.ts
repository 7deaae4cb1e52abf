import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, ensureDovecot, folderCounts, uniqueMailUser } from '../support/dovecot.js';
import { requestMails } from '../support/request-mail.js';
import { projectRoot, startSportelloProcess } from '../support/start-process.js';
import { postgresAdminUrl, scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

describe('npm start', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(() => ensureDovecot());
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('creates the embedded database, migrates, seeds the demo data and answers /health', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sportello-start-')), 'pglite');
    const mailbox = { IMAP_USER: uniqueMailUser('start') };
    const first = await startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir, ...mailbox });
    cleanups.push(() => first.stop());
    expect(first.readyLine).toMatchObject({ embedded: true, mode: 'development' });
    expect(first.lines.some((line) => line.includes('demo data loaded'))).toBe(true);
    const created = first.lines.find((line) => line.includes('embedded database created'));
    expect(JSON.parse(created ?? '{}')).toMatchObject({ createdFrom: 'image' });
    expect(first.lines.filter((line) => line.includes('"msg":"ready"'))).toHaveLength(1);
    // The mailbox connects in the background: /health says 503 until it has.
    // Alive at once; ready once every component is.
    expect((await fetch(`${first.url}/health/live`)).status).toBe(200);
    await expect
      .poll(async () => (await fetch(`${first.url}/health/ready`)).status, { timeout: 10_000 })
      .toBe(200);
    await expect.poll(async () => (await fetch(`${first.url}/health`)).status, { timeout: 10_000 }).toBe(200);
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      // The bot and the mail side load right after `ready`.
      components: { database: { ok: true }, mail: { ok: true }, teams: { ok: true } },
    });
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    // The data directory belongs to one process at a time.
    await expect(startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir, ...mailbox }, 15_000)).rejects.toThrow(
      /già in uso/,
    );

    expect(await first.stop()).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const warm = await startSportelloProcess({ EMBEDDED_DATA_DIR: dataDir, ...mailbox });
    cleanups.push(() => warm.stop());
    expect(warm.lines.some((line) => line.includes('demo data loaded'))).toBe(false);
    expect(warm.lines.some((line) => line.includes('embedded database created'))).toBe(false);
    await expect.poll(async () => (await fetch(`${warm.url}/health`)).status, { timeout: 10_000 }).toBe(200);
    await warm.stop();
  }, 60_000);

  it('uses DATABASE_URL when set and reports 503 while the database is down', async () => {
    const scratch: ScratchDatabase = await scratchPostgres();
    cleanups.push(() => scratch.drop());
    const running = await startSportelloProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
    });
    cleanups.push(() => running.stop());
    expect(running.readyLine).toMatchObject({ embedded: false });
    await expect
      .poll(async () => (await fetch(`${running.url}/health`)).status, { timeout: 10_000 })
      .toBe(200);

    const name = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    const down = await fetch(`${running.url}/health`);
    expect(down.status).toBe(503);
    // The job queue is asked too, and says so while it cannot reach its tables (then recovers).
    expect(await down.json()).toMatchObject({
      status: 'degraded',
      components: { database: { ok: false }, scheduler: { ok: false } },
    });
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    await admin.end();
    await expect
      .poll(async () => (await fetch(`${running.url}/health`)).status, { timeout: 10_000 })
      .toBe(200);
  }, 60_000);

  it('runs from a copy of build/ elsewhere, reading a PDF form on a compiled reader thread', async () => {
    // Only build/ and a node_modules beside it: no source file, no TypeScript loader.
    const place = mkdtempSync(join(tmpdir(), 'sportello-moved-'));
    cpSync(join(projectRoot, 'build'), join(place, 'build'), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(place, 'node_modules'));
    const user = uniqueMailUser('moved');
    const moved = await startSportelloProcess(
      { EMBEDDED_DATA_DIR: join(place, 'data'), IMAP_USER: user, MAIL_READER_THREADS: '1' },
      30_000,
      join(place, 'build', 'start.js'),
    );
    cleanups.push(() => moved.stop());
    // The cluster image and the migrations it is checked against came along.
    const created = moved.lines.find((line) => line.includes('embedded database created'));
    expect(JSON.parse(created ?? '{}')).toMatchObject({ createdFrom: 'image' });
    expect(moved.lines.some((line) => line.includes('migrations applied'))).toBe(false);
    const pdfForm = (await requestMails()).find((mail) => mail.name === 'activation-adm-pdf')!;
    await appendMessages(user, [pdfForm.raw]);
    await expect
      .poll(() => moved.lines.find((line) => line.includes('"msg":"message handled"')) ?? '', {
        timeout: 20_000,
      })
      .toContain('"kind":"activation"');
    expect(await folderCounts(user, ['Elaborati'])).toEqual({ Elaborati: 1 });
    expect(await moved.stop()).toBe(0);
  }, 60_000);

  it('refuses to start with an invalid configuration, naming the problem', async () => {
    await expect(startSportelloProcess({ HTTP_PORT: 'nove' }, 15_000)).rejects.toThrow(/HTTP_PORT/);
    // (6) Listening on every interface means production: without credentials it does not start.
    await expect(
      startSportelloProcess(
        { HTTP_HOST: '0.0.0.0', DATABASE_URL: 'postgresql://sportello@127.0.0.1:1/none' },
        15_000,
      ),
    ).rejects.toThrow(/required in production/);
  });
});
