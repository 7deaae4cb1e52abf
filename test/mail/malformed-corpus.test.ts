import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { scratchPostgres } from '../support/test-databases.js';

const corpusDir = new URL('../fixtures/enmime-testdata/', import.meta.url).pathname;

// The enmime project's malformed messages (bad boundaries, missing content types, unknown
// charsets, broken base64…), none of them a request, through the real watcher.
describe('the malformed-mail corpus through the watcher', () => {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.eml'));
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;

  beforeAll(async () => {
    mailbox = await startOnMailbox({ mailbox: 'corpus', database: scratchPostgres });
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  it('files every message, keeps each in the database, answers none and keeps watching', async () => {
    expect(files.length).toBeGreaterThan(50);
    await appendMessages(
      mailbox.user,
      files.map((name) => readFileSync(`${corpusDir}${name}`)),
    );
    await expect
      .poll(() => folderCounts(mailbox.user, ['INBOX']), { timeout: 60_000, interval: 500 })
      .toEqual({ INBOX: 0 });
    const counts = await folderCounts(mailbox.user, ['Elaborati', 'Da verificare', 'Quarantena']);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(files.length);

    const prisma = mailbox.sportello.database.prisma;
    // Files that are byte for byte the same message count once; every other one has its row.
    const distinct = new Set(files.map((name) => readFileSync(`${corpusDir}${name}`, 'latin1'))).size;
    expect(await prisma.inboundMessage.count()).toBe(distinct);
    expect(await prisma.inboundMessage.count({ where: { state: 'registered' } })).toBe(0);
    expect(await prisma.request.count()).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { channel: 'email' } })).toBe(0);
    expect(mailbox.capture.messages).toHaveLength(0);
    expect((await mailbox.sportello.mail)!.watcher!.health()).toEqual({ ok: true });
  }, 120_000);
});
