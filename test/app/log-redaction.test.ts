import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEml } from '../support/compose-mail.js';
import { appendMessages, ensureDovecot, folderCounts, uniqueMailUser } from '../support/dovecot.js';
import { requestMails } from '../support/request-mail.js';
import { startSportelloProcess, type StartedProcess } from '../support/start-process.js';
import { scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';
import pg from 'pg';

// Issue 13 point 9: a full run of the real process at debug level, on the demo data and a week of
// requests (one quarantined for a file named after the beneficiary): no line of its log carries a
// name, codice fiscale, address or subject.
describe('the log of a full run', () => {
  let scratch: ScratchDatabase;
  let running: StartedProcess;
  const user = uniqueMailUser('logs');

  beforeAll(async () => {
    ensureDovecot();
    scratch = await scratchPostgres();
    running = await startSportelloProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      DEMO_DATA: 'true',
      IMAP_USER: user,
      LOG_LEVEL: 'debug',
    });
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await scratch?.drop();
  });

  it('holds no name, codice fiscale, address, subject or file name', async () => {
    const quarantined = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta ADM Rossi Luca',
      messageId: '<log-quarantine@comune.crema.cr.it>',
      text: 'In allegato la richiesta.',
      attachments: [
        {
          filename: 'Richiesta ADM Rossi Luca RSSLCU15E12G306S.pdf',
          content: Buffer.from('%PDF-1.7\nnot really a pdf'),
          contentType: 'application/pdf',
        },
      ],
    });
    const mails = [...(await requestMails()).map((mail) => mail.raw), quarantined];
    await appendMessages(user, mails);
    await expect
      .poll(() => folderCounts(user, ['INBOX', 'Quarantena']), { timeout: 30_000 })
      .toMatchObject({ INBOX: 0, Quarantena: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // replies leave through the outbox

    const secrets = new Set<string>(['Rossi Luca', 'RSSLCU15E12G306S']);
    for (const raw of mails) {
      const parsed = await simpleParser(raw);
      if (parsed.subject) secrets.add(parsed.subject);
      for (const field of [parsed.from, parsed.replyTo, parsed.to].flat())
        for (const address of field?.value ?? []) if (address.address) secrets.add(address.address);
      for (const attachment of parsed.attachments) if (attachment.filename) secrets.add(attachment.filename);
    }
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const people = await client.query<{ surname: string; name: string; tax_code: string }>(
        'SELECT surname, name, tax_code FROM beneficiary',
      );
      for (const person of people.rows) {
        secrets.add(`${person.surname} ${person.name}`);
        secrets.add(person.tax_code);
      }
    } finally {
      await client.end();
    }
    expect(secrets.size).toBeGreaterThan(30);
    const log = running.lines.join('\n');
    expect(log).toContain('message quarantined');
    expect(log).toContain('message handled');
    const leaked = [...secrets].filter((secret) => log.toLowerCase().includes(secret.toLowerCase()));
    expect(leaked).toEqual([]);
  }, 90_000);
});
