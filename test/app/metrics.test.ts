import { describe, expect, it } from 'vitest';
import { BotConnector } from '../support/bot-connector.js';
import { postActivity, teamsActivity } from '../support/bot-http.js';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { sadRequest } from '../support/generated-mail.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { scratchPglite } from '../support/test-databases.js';

/** A metric's value in Prometheus' text format, summed over the lines that match `labels`. */
function valueOf(text: string, name: string, labels = ''): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(name) && line.includes(labels) && !line.startsWith('#'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
}

// Issue 27: the metrics an office watches Sportello with, scraped after a form is answered.
describe('the Prometheus metrics', () => {
  it('move when a form is received and answered, and say nothing about anyone', async () => {
    const running = await startOnMailbox({
      mailbox: 'metrics',
      database: scratchPglite,
      env: { METRICS_PROMETHEUS: 'true' },
    });
    const { user, capture, sportello } = running;
    try {
      const scrape = async () => (await fetch(`${sportello.url}/metrics`)).text();
      const before = await scrape();
      expect(valueOf(before, 'sportello_messages_total', 'outcome="answered"')).toBe(0);
      expect(before).toContain('sportello_database_pool_connections');
      await appendMessages(user, [sadRequest('metrics-1')]);
      await expect
        .poll(() => folderCounts(user, ['INBOX', 'Elaborati']), { timeout: 15_000 })
        .toEqual({
          INBOX: 0,
          Elaborati: 1,
        });
      await capture.waitForCount(1);
      const after = await scrape();
      expect(valueOf(after, 'sportello_messages_total', 'outcome="received"')).toBe(1);
      expect(valueOf(after, 'sportello_messages_total', 'outcome="answered"')).toBe(1);
      expect(valueOf(after, 'sportello_intake_duration_seconds_count')).toBe(1);
      expect(after).toMatch(/sportello_outbox_messages\{state="pending",[^}]*\} \d+/);
      // Read on a reader thread, without OCR; nothing waits for a thread any more.
      expect(valueOf(after, 'sportello_mail_read_duration_seconds_count', 'ocr="false"')).toBe(1);
      expect(valueOf(after, 'sportello_mail_read_duration_seconds_count', 'ocr="true"')).toBe(0);
      expect(after).toMatch(/sportello_mail_reader_queue\{state="waiting",[^}]*\} 0/);
      expect(after).toMatch(/sportello_event_loop_delay_max_seconds\{[^}]*\} 0\.\d+/);
      expect(after).not.toMatch(/BNCMRA|Bianchi|crema\.cr\.it/i);

      // A question to the bot is a timed turn.
      const connector = new BotConnector();
      await connector.start();
      try {
        const question = teamsActivity('demo-staff', connector, { type: 'message', text: 'aiuto' });
        expect((await postActivity(sportello.url, question)).status).toBe(200);
      } finally {
        await connector.stop();
      }
      const turns = valueOf(await scrape(), 'sportello_bot_turn_duration_seconds_count', 'type="message"');
      expect(turns).toBe(1);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('ask for their token when one is set', async () => {
    const token = 'metrics-token-of-the-test-0123456789';
    const running = await startOnMailbox({
      mailbox: 'metrics-token',
      database: scratchPglite,
      env: { METRICS_PROMETHEUS: 'true', METRICS_TOKEN: token },
    });
    try {
      const url = `${running.sportello.url}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer sbagliato' } })).status).toBe(401);
      const scraped = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect([
        scraped.status,
        (await scraped.text()).includes('sportello_database_pool_connections'),
      ]).toEqual([200, true]);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('are not served unless asked for', async () => {
    const running = await startOnMailbox({ mailbox: 'no-metrics', database: scratchPglite });
    try {
      expect((await fetch(`${running.sportello.url}/metrics`)).status).toBe(404);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
