import { testTrust } from '../support/pec-signing.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import type { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPglite, scratchPostgres } from '../support/test-databases.js';
import { composeEml, pdfWithLines } from '../support/compose-mail.js';
import { addDays, romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate, formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { procedureConclusionDate } from '../../domain/deadlines/legal-term.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { ownAddresses } from '../support/triage-file.js';
import { requestMails } from '../support/request-mail.js';
import { sadRequest } from '../support/generated-mail.js';

const weekOfRequests = await requestMails();
/** The generated message `name` as text, to vary. */
const requestText = (name: string) =>
  weekOfRequests.find((request) => request.name === name)!.raw.toString('utf8');
const folders = ['INBOX', 'Elaborati', 'Da verificare', 'Quarantena'];

describe.each([
  ['postgresql', scratchPostgres],
  ['pglite', scratchPglite],
] as const)('mail intake end to end on Dovecot, SMTP and %s', (_kind, createDatabase) => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;
  let capture: SmtpCapture;
  let user: string;
  let sportello: Awaited<ReturnType<typeof startOnMailbox>>['sportello'];

  beforeAll(async () => {
    mailbox = await startOnMailbox({ mailbox: 'intake', database: createDatabase });
    ({ capture, user, sportello } = mailbox);
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  it('answers every sample as triage decides, once, and files each message', async () => {
    // Dovecot dates a delivery "now" (it refuses future dates): the samples are received today.
    const today = romeDateOf(new Date());
    const expected = await Promise.all(
      weekOfRequests.map(async ({ name, raw }) => {
        const parsed = await parseMessage(raw, defaultMailLimits, null, testTrust());
        const result = await triageMail(parsed.mail, { ownAddresses, deliveredAt: new Date() });
        return { name, action: result.action, messageId: parsed.mail.messageId };
      }),
    );
    const answered = expected.filter((e) => e.action === 'acknowledge' || e.action === 'request_integration');
    expect(answered.length).toBeGreaterThanOrEqual(8);

    await appendMessages(
      user,
      weekOfRequests.map((request) => request.raw),
    );
    const replies = await capture.waitForCount(answered.length, 30_000);
    await expect
      .poll(() => folderCounts(user, folders), { timeout: 15_000 })
      .toEqual({
        INBOX: 0,
        Elaborati: 11,
        'Da verificare': 1,
        Quarantena: 0,
      });

    for (const message of answered) {
      const reply = replies.filter((candidate) => candidate.parsed.inReplyTo === message.messageId);
      expect(reply, message.name).toHaveLength(1);
      expect(reply[0]!.parsed.subject, message.name).toMatch(
        message.action === 'acknowledge'
          ? /^Avvio del procedimento – pratica n\. \d{4}\/\d{7} – /
          : /^Richiesta di integrazione – pratica n\. /,
      );
      expect(reply[0]!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    }

    const sad = replies.find((reply) => reply.parsed.inReplyTo === '<r01@comune.example.it>')!;
    expect(sad.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
    const text = sad.parsed.text ?? '';
    expect(sad.parsed.subject).toContain('– Richiesta attivazione SAD - Bianchi Maria');
    expect(text).toContain("ai sensi dell'art. 8 della Legge 7 agosto 1990, n. 241");
    expect(text).toContain(`pervenuta il ${formatLongItalianDate(today)}`);
    expect(text).toContain("Responsabile del procedimento: Responsabile dell'Area Amministrativa");
    // L. 241/1990 art. 8 c. 2 lett. d, and the number named for what it is.
    expect(text).toContain('Ufficio presso cui prendere visione degli atti: Ufficio Amministrazione');
    expect(text).toMatch(/registrata con numero di pratica \d{4}\/\d{7}/);
    expect(text).toContain(
      `15 giorni, entro il ${formatShortItalianDate(procedureConclusionDate(today, 15))}`,
    );
    expect(text).toContain('titolare del potere sostitutivo');
    expect(text).toContain(
      `il contratto di avvio del servizio sarà trasmesso all'ente Coop. Sociale Il Girasole entro il ${formatShortItalianDate(addWorkingDays(today, 5))}`,
    );

    const pec = replies.find((reply) => reply.envelopeTo.includes('protocollo@pec.comune.soncino.cr.it'));
    expect(pec?.parsed.subject).toContain('Avvio del procedimento');

    const prisma = sportello.database.prisma;
    const requests = await prisma.request.findMany({ select: { protocol: true } });
    expect(requests).toHaveLength(answered.length);
    expect(new Set(requests.map((request) => request.protocol)).size).toBe(answered.length);
    const accepted = expected.filter((e) => e.action === 'acknowledge').length;
    expect(
      await prisma.outboxMessage.count({
        where: { channel: 'teams', payload: { path: ['type'], equals: 'request_accepted' } },
      }),
    ).toBe(accepted);
    expect(await prisma.inboundMessage.count({ where: { state: 'ignored' } })).toBe(2);
    expect(await prisma.inboundMessage.count({ where: { state: 'forwarded' } })).toBe(1);
  }, 60_000);

  it('asks for a later date when a variation comes with less than 15 days of notice', async () => {
    const today = romeDateOf(new Date());
    const variation = requestText('variation-sad-ok')
      .replace('<r04@', '<late-today@')
      .replace(/^Date: .*$/m, `Date: ${new Date().toUTCString()}`)
      .replace('22/03/2027', formatShortItalianDate(addDays(today, 10)));
    const before = capture.messages.length;
    await appendMessages(user, [variation]);
    const [reply] = (await capture.waitForCount(before + 1)).slice(before);
    expect(reply!.parsed.subject).toMatch(/^Richiesta di integrazione/);
    expect(reply!.parsed.text).toContain(
      `la prima data di decorrenza possibile è il ${formatShortItalianDate(addDays(today, 15))}`,
    );
  }, 30_000);

  it('answers a message delivered twice only once, and ignores the \\Seen flag', async () => {
    const before = capture.messages.length;
    const message = requestText('variation-sad-ok').replace('<r04@', '<twice@');
    await appendMessages(user, [message, message], ['\\Seen']);
    await capture.waitForCount(before + 1);
    await expect.poll(() => folderCounts(user, ['INBOX']), { timeout: 10_000 }).toEqual({ INBOX: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(capture.messages.length).toBe(before + 1);
  }, 30_000);

  it('keeps a different message that reuses a Message-ID, and hands it to staff unanswered', async () => {
    const before = capture.messages.length;
    const original = sadRequest('reused-id');
    await appendMessages(user, [original]);
    await capture.waitForCount(before + 1);
    // Another request entirely (another beneficiary), sent under the same Message-ID.
    const other = original.replace(/Bianchi/g, 'Verdi').replace(/Maria/g, 'Luisa');
    expect(other).not.toBe(original);
    const staffBefore = (await folderCounts(user, ['Da verificare']))['Da verificare'] ?? 0;
    await appendMessages(user, [other]);
    await expect
      .poll(() => folderCounts(user, ['INBOX', 'Da verificare']), { timeout: 15_000 })
      .toEqual({ INBOX: 0, 'Da verificare': staffBefore + 1 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(capture.messages.length).toBe(before + 1);

    const prisma = sportello.database.prisma;
    const rows = await prisma.inboundMessage.findMany({
      where: { messageId: { contains: 'reused-id' } },
      select: { id: true, state: true, raw: true },
      orderBy: { registeredAt: 'asc' },
    });
    expect(rows.map((row) => row.state)).toEqual(['processed', 'forwarded']);
    expect(Buffer.from(rows[1]!.raw).toString('utf8')).toContain('Verdi');
    const notice = await prisma.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `message_for_staff:${rows[1]!.id}` },
    });
    expect(notice.payload).toMatchObject({ reason: 'message_id_reused' });
  }, 30_000);

  it('quarantines a request whose PDF cannot be read, with its reason, and tells staff', async () => {
    const broken = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta attivazione',
      messageId: '<broken-pdf@comune.crema.cr.it>',
      text: 'In allegato la richiesta.',
      attachments: [
        {
          filename: 'richiesta.pdf',
          content: Buffer.from('%PDF-1.7\nnot really a pdf'),
          contentType: 'application/pdf',
        },
      ],
    });
    const good = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta attivazione in PDF',
      messageId: '<good-pdf@comune.crema.cr.it>',
      text: 'In allegato la richiesta.',
      attachments: [
        {
          filename: 'richiesta.pdf',
          content: Buffer.from(
            await pdfWithLines([
              'RICHIESTA DI ATTIVAZIONE SERVIZIO ACCREDITATO',
              'COGNOME Bianchi',
              'NOME Maria',
            ]),
          ),
        },
      ],
    });
    await appendMessages(user, [broken, good]);
    await expect
      .poll(() => folderCounts(user, ['INBOX', 'Quarantena']), { timeout: 15_000 })
      .toEqual({ INBOX: 0, Quarantena: 1 });
    const quarantined = await sportello.database.prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<broken-pdf@comune.crema.cr.it>' },
    });
    expect(quarantined).toMatchObject({
      state: 'quarantined',
      quarantineReason: expect.stringContaining('il PDF è danneggiato'),
    });
    expect(
      await sportello.database.prisma.outboxMessage.count({
        where: { idempotencyKey: `message_quarantined:${quarantined.id}` },
      }),
    ).toBe(1);
  }, 30_000);
});
