import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotConnector } from '../support/bot-connector.js';
import { postActivity, teamsActivity } from '../support/bot-http.js';
import { composeEml } from '../support/compose-mail.js';
import { appendMessages } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { scratchPglite } from '../support/test-databases.js';

// Issue 13, point 7: a subject written as markdown reaches staff in Teams through the real watcher
// and outbox, over HTTP to a local connector, as plain text: no link, no bold.
describe('a hostile subject in a staff notice', () => {
  const connector = new BotConnector();
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;

  beforeAll(async () => {
    await connector.start();
    mailbox = await startOnMailbox({
      mailbox: 'injection',
      database: scratchPglite,
      env: { DEMO_DATA: 'true', SCHEDULER_ENABLED: 'false' },
    });
    const greeted = connector.next((item) => item.conversationId === 'a:demo-staff-amministrazione');
    await postActivity(
      mailbox.sportello.url,
      teamsActivity('demo-staff-amministrazione', connector, { type: 'message', text: 'aiuto' }),
    );
    await greeted;
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
    await connector.stop();
  });

  it('shows the subject as written, in a plain-text message', async () => {
    const subject = '[Verifica urgente](https://phish.example) **IMPORTANTE**';
    const noticed = connector.next(
      (item) =>
        item.conversationId === 'a:demo-staff-amministrazione' &&
        (item.activity.text ?? '').includes('Verifica urgente'),
      20_000,
    );
    await appendMessages(mailbox.user, [
      await composeEml({
        from: 'sconosciuto@example.org',
        to: 'amministrazione@comunitasocialecremasca.it',
        subject,
        messageId: '<injection@example.org>',
        text: 'Buongiorno, vorrei informazioni.',
      }),
    ]);
    const notice = await noticed;
    expect(notice.activity.text).toContain(`oggetto «${subject}»`);
    expect((notice.activity as { textFormat?: string }).textFormat).toBe('plain');
  }, 60_000);
});
