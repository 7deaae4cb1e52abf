import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, ensureDovecot, folderCounts, uniqueMailUser } from '../support/dovecot.js';
import { repliesByRequest, sadRequest } from '../support/generated-mail.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPglite, type ScratchDatabase } from '../support/test-databases.js';

describe('watcher without IDLE, and the per-sender reply limit', () => {
  const capture = new SmtpCapture();
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    ensureDovecot();
    await capture.start();
    scratch = await scratchPglite();
  }, 30_000);
  afterAll(async () => {
    await capture.stop();
    await scratch.drop();
  });

  it('polls a mailbox when IDLE is off and withholds replies beyond the hourly limit, telling staff', async () => {
    const user = uniqueMailUser('polling');
    const sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      IMAP_USER: user,
      IMAP_USE_IDLE: 'false',
      IMAP_POLL_INTERVAL_MS: '300',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(capture.port),
      MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '2',
    });
    try {
      await appendMessages(user, [sadRequest('limit-1'), sadRequest('limit-2'), sadRequest('limit-3')]);
      await expect
        .poll(() => folderCounts(user, ['INBOX', 'Elaborati']), { timeout: 15_000 })
        .toEqual({ INBOX: 0, Elaborati: 3 });
      await capture.waitForCount(2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const replies = repliesByRequest(capture.messages);
      expect(capture.messages).toHaveLength(2);
      expect(replies.has('<limit-1@comune.crema.cr.it>') && replies.has('<limit-2@comune.crema.cr.it>')).toBe(
        true,
      );
      const withheld = await sportello.database.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: 'reply_withheld:' } },
      });
      expect(withheld).toHaveLength(1);
      expect(withheld[0]!.payload).toMatchObject({
        reason: 'rate_limit',
        protocol: expect.stringMatching(/^\d{4}\/\d{6}$/),
      });
    } finally {
      await sportello.stop();
    }
  }, 60_000);
});
