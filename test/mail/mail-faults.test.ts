import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, DovecotInstance, folderCounts, uniqueMailUser } from '../support/dovecot.js';
import { repliesByRequest, sadRequest } from '../support/generated-mail.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { startSportelloProcess } from '../support/start-process.js';
import { scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

// These tests stop and restart their mail server: they get a Dovecot of their own.
const dovecot = new DovecotInstance('/tmp/sportello-dovecot-faults', 10243, 10124);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mail intake under faults', () => {
  const capture = new SmtpCapture();
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    dovecot.start();
    await capture.start();
    scratch = await scratchPostgres();
  }, 60_000);
  afterAll(async () => {
    await capture.stop();
    await scratch?.drop();
  });

  const envFor = (user: string) => ({
    DATABASE_URL: scratch.url,
    DATABASE_MIGRATE_ON_START: 'true',
    DEMO_DATA: 'false',
    DEMO_COUNTERPARTS: 'true',
    IMAP_PORT: String(dovecot.imapPort),
    IMAP_USER: user,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(capture.port),
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '100',
    OUTBOX_LEASE_MS: '2000',
    MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '100000',
  });

  it('answers each of 200 messages exactly once although the process is killed (-9) at random points', async () => {
    const user = uniqueMailUser('kill');
    const ids = Array.from({ length: 200 }, (_, i) => `kill-${i}-${Math.random().toString(36).slice(2)}`);
    await appendMessages(
      user,
      ids.map((id) => sadRequest(id)),
      [],
      dovecot.imapPort,
    );
    const replied = () =>
      capture.messages.filter((m) => ids.some((id) => m.parsed.inReplyTo === `<${id}@comune.crema.cr.it>`));
    let kills = 0;
    for (let round = 0; round < 5; round += 1) {
      const running = await startSportelloProcess(envFor(user));
      await sleep(150 + Math.random() * 900);
      running.child.kill('SIGKILL');
      await new Promise((resolve) => running.child.once('exit', resolve));
      kills += 1;
    }
    const last = await startSportelloProcess(envFor(user));
    try {
      await expect
        .poll(() => folderCounts(user, ['INBOX'], dovecot.imapPort), { timeout: 60_000, interval: 500 })
        .toEqual({ INBOX: 0 });
      await expect
        .poll(() => new Set(replied().map((m) => m.parsed.inReplyTo)).size, {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(200);
      await sleep(1000);
    } catch (error) {
      // Say where the messages and replies stand, to tell a lost reply from a slow one.
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const states = await client.query(
        `SELECT state, quarantine_reason, attempts, count(*) FROM inbound_message GROUP BY 1, 2, 3`,
      );
      const outbox = await client.query(
        `SELECT channel, state, attempts, last_error, count(*) FROM outbox_message GROUP BY 1, 2, 3, 4`,
      );
      await client.end();
      console.error('inbound:', JSON.stringify(states.rows), 'outbox:', JSON.stringify(outbox.rows));
      throw error;
    } finally {
      await last.stop();
    }
    const byRequest = repliesByRequest(replied());
    // Exactly one reply per request: one Message-ID each (a copy resent after a kill between the SMTP
    // "250 OK" and the database commit carries the same Message-ID, which mail systems deduplicate).
    for (const id of ids) expect(new Set(byRequest.get(`<${id}@comune.crema.cr.it>`)).size, id).toBe(1);
    const copies = replied().length - 200;
    expect(copies).toBeLessThanOrEqual(kills);
    console.info(
      `kill -9 test: ${kills} kills, ${copies} transport-level resends of an already accepted reply`,
    );
  }, 180_000);

  it('misses nothing when the mail server is down for 5 seconds', async () => {
    const user = uniqueMailUser('outage');
    const sportello = await startInProcess(envFor(user));
    try {
      const before = ids('before', 10);
      await appendMessages(
        user,
        before.map((id) => sadRequest(id)),
        [],
        dovecot.imapPort,
      );
      await dovecot.stop();
      const after = ids('after', 10);
      await sleep(5000);
      expect((await sportello.mail)!.watcher!.health().ok).toBe(false);
      dovecot.start();
      await appendMessages(
        user,
        after.map((id) => sadRequest(id)),
        [],
        dovecot.imapPort,
      );
      await expect
        .poll(() => folderCounts(user, ['INBOX', 'Elaborati'], dovecot.imapPort), { timeout: 60_000 })
        .toEqual({ INBOX: 0, Elaborati: 20 });
      await expect.poll(() => answeredOnce(capture, [...before, ...after]), { timeout: 30_000 }).toBe(true);
    } finally {
      await sportello.stop();
    }
  }, 120_000);

  it('misses nothing and answers nothing twice across a UIDVALIDITY reset', async () => {
    const user = uniqueMailUser('uidvalidity');
    const sportello = await startInProcess(envFor(user));
    try {
      const first = ids('first', 5);
      await appendMessages(
        user,
        first.map((id) => sadRequest(id)),
        [],
        dovecot.imapPort,
      );
      await expect.poll(() => answeredOnce(capture, first), { timeout: 30_000 }).toBe(true);
      // A processed message comes back to the inbox (a crash between commit and MOVE) and the
      // server renumbers the mailbox: new UIDVALIDITY, UIDs from 1.
      await appendMessages(user, [sadRequest(first[0]!)], [], dovecot.imapPort);
      await dovecot.doveadm(
        'mailbox',
        'update',
        '-u',
        user,
        '--uid-validity',
        String(Math.floor(Date.now() / 1000) + 7),
        'INBOX',
      );
      const second = ids('second', 5);
      await appendMessages(
        user,
        second.map((id) => sadRequest(id)),
        [],
        dovecot.imapPort,
      );
      await expect
        .poll(() => folderCounts(user, ['INBOX'], dovecot.imapPort), { timeout: 30_000 })
        .toEqual({ INBOX: 0 });
      await expect.poll(() => answeredOnce(capture, [...first, ...second]), { timeout: 30_000 }).toBe(true);
      await sleep(1000);
      expect(answeredOnce(capture, [...first, ...second])).toBe(true);
    } finally {
      await sportello.stop();
    }
  }, 120_000);

  it('drains the outbox without duplicates after the SMTP server was down', async () => {
    const user = uniqueMailUser('smtpdown');
    const down = new SmtpCapture();
    const port = await down.start();
    await down.stop();
    const sportello = await startInProcess({ ...envFor(user), SMTP_PORT: String(port) });
    try {
      const requests = ids('smtp', 10);
      await appendMessages(
        user,
        requests.map((id) => sadRequest(id)),
        [],
        dovecot.imapPort,
      );
      await expect
        .poll(() => folderCounts(user, ['INBOX'], dovecot.imapPort), { timeout: 30_000 })
        .toEqual({ INBOX: 0 });
      await sleep(1500); // several failed attempts
      const failed = await sportello.database.prisma.outboxMessage.count({
        where: {
          channel: 'email',
          state: 'pending',
          attempts: { gt: 0 },
          recipient: 'servizi.sociali@comune.crema.cr.it',
        },
      });
      expect(failed).toBeGreaterThan(0);
      await down.start(port);
      await expect.poll(() => answeredOnce(down, requests), { timeout: 30_000 }).toBe(true);
      await sleep(1000);
      expect(down.messages.length).toBe(10);
    } finally {
      await sportello.stop();
      await down.stop();
    }
  }, 120_000);
});

function ids(prefix: string, count: number): string[] {
  const run = Math.random().toString(36).slice(2);
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}-${run}`);
}

/** True when every request has exactly one reply (one Message-ID) and no more. */
function answeredOnce(capture: SmtpCapture, requestIds: readonly string[]): boolean {
  const byRequest = repliesByRequest(capture.messages);
  return requestIds.every((id) => (byRequest.get(`<${id}@comune.crema.cr.it>`) ?? []).length === 1);
}
