import { describe, expect, it } from 'vitest';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { repliesByRequest, sadRequest } from '../support/generated-mail.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { scratchPglite } from '../support/test-databases.js';

describe('watcher without IDLE, and the per-sender reply limit', () => {
  it('polls a mailbox when IDLE is off and withholds replies beyond the hourly limit, telling staff', async () => {
    const running = await startOnMailbox({
      mailbox: 'polling',
      database: scratchPglite,
      env: {
        IMAP_USE_IDLE: 'false',
        IMAP_POLL_INTERVAL_MS: '300',
        MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '2',
      },
    });
    const { user, capture, sportello } = running;
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
        protocol: expect.stringMatching(/^\d{4}\/\d{7}$/),
      });
    } finally {
      await running.stop();
    }
  }, 60_000);
});
