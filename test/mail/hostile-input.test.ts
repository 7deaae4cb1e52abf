import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { hostileMessages, type HostileMessage } from '../support/hostile-messages.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import type { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPostgres } from '../support/test-databases.js';

describe('hostile input', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;
  let capture: SmtpCapture;
  let user: string;
  let sportello: Awaited<ReturnType<typeof startOnMailbox>>['sportello'];
  let messages: HostileMessage[];

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'hostile',
      database: scratchPostgres,
      env: { MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '100000' },
    });
    ({ capture, user, sportello } = mailbox);
    messages = await hostileMessages(Math.random().toString(36).slice(2));
  }, 120_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  it('never stops the watcher: each of 200+ messages is answered, quarantined with a reason, or passed to staff', async () => {
    expect(messages.length).toBeGreaterThanOrEqual(200);
    await appendMessages(
      user,
      messages.map((message) => message.raw),
    );
    await expect
      .poll(() => folderCounts(user, ['INBOX']), { timeout: 180_000, interval: 1000 })
      .toEqual({ INBOX: 0 });
    expect((await sportello.mail)!.watcher!.health()).toEqual({ ok: true });
    const counts = await folderCounts(user, ['Elaborati', 'Da verificare', 'Quarantena']);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(messages.length);

    const prisma = sportello.database.prisma;
    const rows = await prisma.inboundMessage.findMany({
      select: { id: true, messageId: true, state: true, quarantineReason: true },
    });
    const withheld = new Set(
      (
        await prisma.outboxMessage.findMany({
          where: { idempotencyKey: { startsWith: 'reply_withheld:' } },
          select: { idempotencyKey: true },
        })
      ).map((row) => row.idempotencyKey.slice('reply_withheld:'.length)),
    );
    const byId = new Map(rows.map((row) => [row.messageId, row]));
    const replies = new Set((await capture.waitForCount(1)).map((mail) => mail.parsed.inReplyTo));
    await expect
      .poll(() => prisma.outboxMessage.count({ where: { channel: 'email', state: 'pending' } }), {
        timeout: 30_000,
      })
      .toBe(0);
    const repliedTo = new Set(capture.messages.map((mail) => mail.parsed.inReplyTo));

    for (const message of messages.filter((m) => m.messageId)) {
      const row = byId.get(message.messageId);
      expect(row, message.name).toBeDefined();
      switch (message.expect) {
        case 'reply':
          expect(row!.state, message.name).toBe('processed');
          expect(repliedTo.has(message.messageId!), message.name).toBe(true);
          break;
        case 'quarantine':
          expect(row!.state, message.name).toBe('quarantined');
          expect(row!.quarantineReason?.length ?? 0, message.name).toBeGreaterThan(10);
          break;
        case 'ignore':
          expect(row!.state, message.name).toBe('ignored');
          expect(repliedTo.has(message.messageId!), message.name).toBe(false);
          break;
        case 'staff':
          expect(['forwarded', 'quarantined'], message.name).toContain(row!.state);
          break;
        case 'staff_or_reply':
          expect(['forwarded', 'processed'], message.name).toContain(row!.state);
          // Processed: answered, or (no usable sender address) the reply withheld and staff told.
          if (row!.state === 'processed')
            expect(repliedTo.has(message.messageId!) || withheld.has(row!.id), message.name).toBe(true);
          break;
      }
    }
    expect(replies.size).toBeGreaterThan(0);
    // No header injection reached a reply: every reply went to the Comune alone.
    for (const mail of capture.messages) {
      expect(mail.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
      expect(mail.parsed.headers.has('bcc')).toBe(false);
    }
  }, 300_000);
});
