import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, ensureDovecot, folderCounts, uniqueMailUser } from '../support/dovecot.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

const corpusDir = new URL('../../../shared/corpora/enmime-testdata/', import.meta.url).pathname;

// The enmime project's malformed messages (bad boundaries, missing content types, unknown
// charsets, broken base64…), none of them a request, through the real watcher.
describe('the malformed-mail corpus through the watcher', () => {
  const capture = new SmtpCapture();
  const user = uniqueMailUser('corpus');
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.eml'));

  beforeAll(async () => {
    ensureDovecot();
    await capture.start();
    scratch = await scratchPostgres();
    sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      IMAP_USER: user,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(capture.port),
    });
  }, 60_000);
  afterAll(async () => {
    await sportello?.stop();
    await capture.stop();
    await scratch?.drop();
  });

  it('files every message, keeps each in the database, answers none and keeps watching', async () => {
    expect(files.length).toBeGreaterThan(50);
    await appendMessages(
      user,
      files.map((name) => readFileSync(`${corpusDir}${name}`)),
    );
    await expect
      .poll(() => folderCounts(user, ['INBOX']), { timeout: 60_000, interval: 500 })
      .toEqual({ INBOX: 0 });
    const counts = await folderCounts(user, ['Elaborati', 'Da verificare', 'Quarantena']);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(files.length);

    const prisma = sportello.database.prisma;
    // Files that are byte for byte the same message count once; every other one has its row.
    const distinct = new Set(files.map((name) => readFileSync(`${corpusDir}${name}`, 'latin1'))).size;
    expect(await prisma.inboundMessage.count()).toBe(distinct);
    expect(await prisma.inboundMessage.count({ where: { state: 'registered' } })).toBe(0);
    expect(await prisma.request.count()).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { channel: 'email' } })).toBe(0);
    expect(capture.messages).toHaveLength(0);
    expect((await sportello.mail)!.watcher!.health()).toEqual({ ok: true });
  }, 120_000);
});
