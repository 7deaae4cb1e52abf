import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationLines, composeEml, docxWith, pdfWithLines } from '../support/compose-mail.js';
import { signAttached } from '../support/cades-signing.js';
import { savedByLibreOffice } from '../support/office-conversion.js';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { imageOnlyPdf, scannedPage } from '../support/scanned-form.js';
import { scratchPglite } from '../support/test-databases.js';

const office = 'amministrazione@comunitasocialecremasca.it';
const lines = activationLines({ sad: '[X]' });
const scanMail = (id: string, filename: string, content: Uint8Array) =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: office,
    subject: `Richiesta attivazione ${id}`,
    messageId: `<${id}@comune.crema.cr.it>`,
    text: 'In allegato la richiesta firmata e scansionata.',
    attachments: [{ filename, content: Buffer.from(content) }],
  });

// Issue 15: scans through Dovecot, the watcher's reader threads (OCR off the event loop), SMTP, the database.
describe('scanned forms through the real watcher', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'scans',
      database: scratchPglite,
      env: { SCHEDULER_ENABLED: 'false', BOT_ENABLED: 'false' },
    });
    await mailbox.sportello.mail;
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  it('reports OCR in /health', async () => {
    const health = (await (await fetch(`${mailbox.sportello.url}/health`)).json()) as {
      components: Record<string, { ok: boolean; detail?: string }>;
    };
    expect(health.components['ocr']).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^Tesseract .*italiano$/),
    });
  });

  it('acknowledges a form scanned to PDF', async () => {
    const before = mailbox.capture.messages.length;
    const pdf = await imageOnlyPdf(await scannedPage(lines));
    await appendMessages(mailbox.user, [await scanMail('scan-ok', 'scansione.pdf', pdf)]);
    const [reply] = (await mailbox.capture.waitForCount(before + 1, 30_000)).slice(before);
    expect(reply!.parsed.subject).toMatch(/^Avvio del procedimento – pratica n\. /);
  }, 40_000);

  it('answers three forms sent at once, a scan, a signed PDF and an ODT, each under its own number', async () => {
    const before = mailbox.capture.messages.length;
    const rossi = activationLines({
      cognome: 'Rossi',
      nome: 'Giovanni',
      nascita: '11/02/1946',
      cf: 'RSSGNN46B11D142B',
      sad: '[X]',
    });
    const galli = activationLines({
      cognome: 'Galli',
      nome: 'Sofia',
      nascita: '19/05/2013',
      cf: 'GLLSFO13E59D142V',
      adm: '☒',
    });
    const raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: office,
      subject: 'Tre richieste di attivazione',
      messageId: '<three-carriers@comune.crema.cr.it>',
      text: 'Si trasmettono tre richieste.',
      attachments: [
        // Maria Bianchi's SAD project is running since the first test: this scan asks her ADEA.
        {
          filename: 'bianchi.pdf',
          content: Buffer.from(
            await imageOnlyPdf(
              await scannedPage(activationLines({ sad: '☐', adm: '[X]', budget: '€ 4.800,00' })),
            ),
          ),
        },
        { filename: 'rossi.pdf.p7m', content: signAttached(await pdfWithLines(rossi)) },
        { filename: 'galli.odt', content: savedByLibreOffice(docxWith(galli), 'odt') },
      ],
    });
    await appendMessages(mailbox.user, [raw]);
    const replies = (await mailbox.capture.waitForCount(before + 3, 30_000)).slice(before);
    const numbers = replies.map(
      (reply) => /pratica n\. (\d{4}\/\d{7})/.exec(reply.parsed.subject ?? '')?.[1],
    );
    expect(new Set(numbers).size).toBe(3);
    expect(replies.every((reply) => reply.parsed.inReplyTo === '<three-carriers@comune.crema.cr.it>')).toBe(
      true,
    );
    const requests = await mailbox.sportello.database.prisma.request.findMany({
      where: { threadMessageId: '<three-carriers@comune.crema.cr.it>' },
      orderBy: { protocol: 'asc' },
    });
    expect(requests.map((request) => (request.fields as { source: string }).source)).toEqual([
      'attachment:bianchi.pdf',
      'attachment:rossi.pdf.p7m',
      'attachment:galli.odt',
    ]);
  }, 60_000);

  it('hands staff a scan with a smudged codice fiscale, with what was read, and answers nothing', async () => {
    const before = mailbox.capture.messages.length;
    const smudged = await scannedPage(lines, {
      line: 'CODICE FISCALE',
      at: 'CODICE FISCALE  BNCMRA50D4'.length,
    });
    await appendMessages(mailbox.user, [await scanMail('scan-smudged', 'richiesta.png', smudged)]);
    await expect
      .poll(() => folderCounts(mailbox.user, ['INBOX', 'Da verificare']), { timeout: 20_000 })
      .toEqual({ INBOX: 0, 'Da verificare': 1 });
    const prisma = mailbox.sportello.database.prisma;
    const inbound = await prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<scan-smudged@comune.crema.cr.it>' },
    });
    const notice = await prisma.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `message_for_staff:${inbound.id}` },
    });
    expect(notice.payload).toMatchObject({
      reason: 'scan_uncertain',
      note: expect.stringContaining('Modulo letto da una scansione'),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.capture.messages.length).toBe(before);
  }, 40_000);
});
