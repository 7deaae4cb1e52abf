import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOutbox } from '../../prisma/repositories/outbox-rows.js';
import { noticeEmail } from '../../services/outbox/notice-email.js';
import { emailMessage } from '../../services/outbox/outbox-message.js';
import { activationLines } from '../support/compose-mail.js';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import type { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPostgres } from '../support/test-databases.js';
import { beneficiaryFields, birthDateFor } from '../support/tax-codes.js';
import { sqlIn } from '../../prisma/database/sql.js';

const ourServer = 'mx.comunitasocialecremasca.it';
const crema = 'servizi.sociali@comune.crema.cr.it';

/** A request as a mail server delivers it, with our server's verdict on the sender unless told otherwise. */
function request(id: string, headers: Record<string, string>, form: Record<string, string> = {}): string {
  const from = headers.From ?? crema;
  const lines = {
    'Authentication-Results': `${ourServer}; spf=pass smtp.mailfrom=${from}; dkim=pass header.d=${from.split('@')[1]}; dmarc=pass header.from=${from.split('@')[1]}`,
    From: from,
    To: 'amministrazione@comunitasocialecremasca.it',
    Subject: `Richiesta attivazione ${id}`,
    'Message-ID': `<${id}@registry.test>`,
    Date: new Date().toUTCString(),
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Transfer-Encoding': '8bit',
    ...headers,
  };
  const head = Object.entries(lines)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return `${head}\r\n\r\n${['Buongiorno, si trasmette la richiesta.', '', ...activationLines(form)].join('\r\n')}\r\n`;
}

// Issue 13, points 1, 4 and 8, through the real watcher (Dovecot), SMTP and PostgreSQL: the
// registry of counterparts decides who is answered and where anything is sent.
describe('who is answered, and where Sportello writes', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;
  let capture: SmtpCapture;
  let user: string;

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'registry',
      database: scratchPostgres,
      env: {
        DEMO_DATA: 'true',
        SCHEDULER_ENABLED: 'false',
        BOT_ENABLED: 'false',
        MAIL_AUTHSERV_ID: ourServer,
        MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: '3',
      },
    });
    ({ capture, user } = mailbox);
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  const prisma = () => mailbox.sportello.database.prisma;
  const staffNotice = async (id: string) => {
    const inbound = await prisma().inboundMessage.findFirstOrThrow({
      where: { messageId: `<${id}@registry.test>` },
    });
    expect(inbound.state).toBe('forwarded');
    const notice = await prisma().outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `message_for_staff:${inbound.id}` },
    });
    return notice.payload as { reason: string; note?: string };
  };
  const settle = async (count: number) => {
    await expect.poll(() => folderCounts(user, ['INBOX']), { timeout: 20_000 }).toEqual({ INBOX: 0 });
    await expect
      .poll(() => prisma().inboundMessage.count({ where: { state: { not: 'registered' } } }), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(count);
  };

  it('(4) hands to staff, unanswered, a form from an unregistered address or one our server could not verify', async () => {
    const before = capture.messages.length;
    await appendMessages(user, [
      request('free-mail', { From: 'mario.rossi.comune@gmail.com' }),
      request('forged', {
        // The sender's own claim comes first; our server's verdict is the one believed.
        'Authentication-Results': `${ourServer}; spf=fail smtp.mailfrom=${crema}; dkim=fail header.d=comune.crema.cr.it; dmarc=fail header.from=comune.crema.cr.it`,
        'X-Forged': 'x\r\nAuthentication-Results: mx.attacker.example; spf=pass; dkim=pass; dmarc=pass',
      }),
      request('no-verdict', {
        'Authentication-Results': 'mx.attacker.example; spf=pass; dkim=pass; dmarc=pass',
      }),
    ]);
    await settle(3);
    expect((await staffNotice('free-mail')).reason).toBe('sender_not_registered');
    expect((await staffNotice('forged')).reason).toBe('sender_not_authenticated');
    expect((await staffNotice('no-verdict')).reason).toBe('sender_not_authenticated');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(capture.messages.slice(before)).toEqual([]);
    const ids = ['free-mail', 'forged', 'no-verdict'].map((id) => `<${id}@registry.test>`);
    expect(await prisma().request.count({ where: { threadMessageId: { in: ids } } })).toBe(0);
  }, 60_000);

  it("(4) answers a Comune for its own residents and as co-paying Comune, not for another Comune's", async () => {
    const before = capture.messages.length;
    await appendMessages(user, [
      request(
        'other-comune',
        {},
        { comune: 'Pandino', cognome: 'Conti', nome: 'Giulia', cf: 'CNTGLI11P70D142W' },
      ),
      request(
        'co-paying',
        {},
        {
          comune: 'Pandino',
          sad: '☐',
          adm: '☒',
          compartecipa: 'Crema',
          cognome: 'Conti',
          nome: 'Giulia',
          cf: 'CNTGLI11P70D142W',
        },
      ),
    ]);
    await settle(5);
    expect((await staffNotice('other-comune')).reason).toBe('other_municipality');
    const [reply] = (await capture.waitForCount(before + 1)).slice(before);
    expect(reply!.parsed.inReplyTo).toBe('<co-paying@registry.test>');
    expect(reply!.envelopeTo).toEqual([crema]);
  }, 60_000);

  it('(4) honours Reply-To only within the sender’s own Comune', async () => {
    const before = capture.messages.length;
    await appendMessages(user, [
      request('reply-to-outside', { 'Reply-To': 'raccolta@attacker.example' }),
      request('reply-to-colleague', { 'Reply-To': 'anna.bianchi@comune.crema.cr.it' }),
    ]);
    const replies = (await capture.waitForCount(before + 2)).slice(before);
    const to = (id: string) =>
      replies.find((reply) => reply.parsed.inReplyTo === `<${id}@registry.test>`)?.envelopeTo;
    expect(to('reply-to-outside')).toEqual([crema]);
    expect(to('reply-to-colleague')).toEqual(['anna.bianchi@comune.crema.cr.it']);
  }, 60_000);

  it('(8) counts replies by the authenticated sender, whatever Reply-To says, and tells staff once', async () => {
    const sender = 'ufficio.piani@comune.offanengo.cr.it';
    const before = capture.messages.length;
    const ids = Array.from({ length: 6 }, (_, index) => `flood-${index}`);
    await appendMessages(
      user,
      ids.map((id, index) =>
        request(
          id,
          { From: sender, 'Reply-To': `ufficio.piani+${index}@comune.offanengo.cr.it` },
          // Six different requests: the same beneficiary six times would be one request.
          { comune: 'Offanengo', ...beneficiaryFields('Bianchi', 'Maria', birthDateFor(id)) },
        ),
      ),
    );
    await settle(13);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const replies = capture.messages
      .slice(before)
      .filter((reply) => /flood-/.test(reply.parsed.inReplyTo ?? ''));
    expect(replies).toHaveLength(3);
    const withheld = await prisma().outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `reply_withheld:${sender}:` } },
    });
    expect(withheld).toHaveLength(1);
    expect(await prisma().request.count({ where: { authenticatedSender: sender } })).toBe(6);
  }, 60_000);

  it("(1) sends a Comune's quarterly workbook only to its registered office, never to who wrote in its name", async () => {
    const attacker = 'ufficio.pandino@gmail.com';
    await appendMessages(user, [
      request(
        'pandino-stranger',
        { From: attacker },
        { comune: 'Pandino', cognome: 'Conti', nome: 'Giulia', cf: 'CNTGLI11P70D142W' },
      ),
    ]);
    await settle(14);
    expect((await staffNotice('pandino-stranger')).reason).toBe('sender_not_registered');
    // First working day after the third quarter of 2026, when the demo projects are running.
    await mailbox.sportello.calendar.tick.runDuties(new Date('2026-10-01T08:00:00Z'));
    mailbox.sportello.outbox.wake();
    const summary = await capture.waitFor(
      (message) =>
        /Riepilogo trimestrale della spesa – 3° trimestre 2026 – Comune di Pandino/.test(
          message.parsed.subject ?? '',
        ),
      20_000,
    );
    expect(summary.envelopeTo).toEqual(['servizi.sociali@comune.pandino.cr.it']);
    expect(capture.messages.filter((message) => message.envelopeTo.includes(attacker))).toEqual([]);
  }, 60_000);

  it('never e-mails an address the registry does not know, whatever a use case queued', async () => {
    // A request recorded before the registry existed kept the Reply-To it came with.
    const before = capture.messages.length;
    const stale = emailMessage(
      'stale-sender-notice',
      noticeEmail({
        to: 'raccolta@attacker.example',
        subject: 'Re: pratica n. 2026/0000001 – rifiuto dell’ente',
        paragraphs: ['Dati della pratica.'],
        messageId: '<stale-sender-notice@sportello.test>',
        signature: ['Ufficio'],
      }),
    );
    await prisma().$transaction((tx) => writeOutbox(sqlIn(tx), [stale]));
    mailbox.sportello.outbox.wake();
    await expect
      .poll(
        async () =>
          (
            await prisma().outboxMessage.findUniqueOrThrow({
              where: { idempotencyKey: 'stale-sender-notice' },
            })
          ).state,
        { timeout: 10_000 },
      )
      .toBe('failed');
    expect(
      capture.messages
        .slice(before)
        .filter((message) => message.envelopeTo.includes('raccolta@attacker.example')),
    ).toEqual([]);
  }, 30_000);

  // Issue 23, attacks 1 and 2: our server's verdict counts only when it passes for the From domain.
  it("(issue 23, attack 1) hands to staff a Comune's From whose passes are for another domain, or none", async () => {
    const before = capture.messages.length;
    const verdict = (results: string) => ({ 'Authentication-Results': `${ourServer}; ${results}` });
    await appendMessages(user, [
      request(
        'unaligned-pass',
        verdict(
          'spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example; dmarc=none header.from=comune.crema.cr.it',
        ),
      ),
      request(
        'all-none',
        verdict(
          'spf=none smtp.mailfrom=comune.crema.cr.it; dkim=none; dmarc=none header.from=comune.crema.cr.it',
        ),
      ),
      request(
        'temperror',
        verdict(
          'spf=temperror smtp.mailfrom=comune.crema.cr.it; dkim=temperror header.d=comune.crema.cr.it; dmarc=temperror header.from=comune.crema.cr.it',
        ),
      ),
      // Aligned through SPF alone, the domain publishing no DMARC record: still answered (another
      // Comune, Crema's replies being over this test's limit of three an hour).
      request(
        'aligned-spf',
        {
          From: 'servizi.sociali@comune.pandino.cr.it',
          ...verdict(
            'spf=pass smtp.mailfrom=bounce@pandino.cr.it; dkim=none; dmarc=none header.from=comune.pandino.cr.it',
          ),
        },
        { comune: 'Pandino', cognome: 'Conti', nome: 'Giulia', cf: 'CNTGLI11P70D142W' },
      ),
    ]);
    const [reply] = (await capture.waitForCount(before + 1)).slice(before);
    expect(reply!.parsed.inReplyTo).toBe('<aligned-spf@registry.test>');
    for (const id of ['unaligned-pass', 'all-none', 'temperror']) {
      const notice = await staffNotice(id);
      expect(notice.reason, id).toBe('sender_not_authenticated');
      expect(notice.note, id).toMatch(/non è garantito dal server di posta/);
    }
    expect((await staffNotice('unaligned-pass')).note).toContain('SPF per evil.example');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(capture.messages.slice(before).map((message) => message.parsed.inReplyTo)).toEqual([
      '<aligned-spf@registry.test>',
    ]);
  }, 60_000);

  it('(issue 23, attack 2) hands to staff a message with two From headers or two addresses in one', async () => {
    const before = capture.messages.length;
    const evilPass = {
      'Authentication-Results': `${ourServer}; spf=pass smtp.mailfrom=evil.example; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example`,
    };
    const twoAddresses = request('two-addresses', { ...evilPass, From: `${crema}, boss@evil.example` });
    // Two From headers: the message as written, the Comune's first and the attacker's second.
    const twoHeaders = request('two-headers', evilPass).replace(
      `From: ${crema}\r\n`,
      `From: ${crema}\r\nFrom: boss@evil.example\r\n`,
    );
    await appendMessages(user, [twoAddresses, twoHeaders]);
    await settle(20);
    for (const id of ['two-addresses', 'two-headers']) {
      const notice = await staffNotice(id);
      expect(notice.reason, id).toBe('sender_ambiguous');
      expect(notice.note, id).toContain('più di un mittente');
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(capture.messages.slice(before)).toEqual([]);
  }, 60_000);
});
