import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../mail/smtp/compose-email.js';
import type { EmailContent } from '../../services/outbox/email-content.js';

const from = 'Comunità Sociale Cremasca <amministrazione@comunitasocialecremasca.it>';

const notice: EmailContent = {
  to: 'servizi.sociali@comune.crema.cr.it',
  subject: 'Avvio del procedimento – protocollo 2026/000123 (richiesta SAD di Maria Bianchi, più servizi)',
  text: 'Gentile Comune,\n\nla richiesta è stata ricevuta.\n\n- termine: 30 giorni\n',
  html: '<!doctype html><html lang="it"><body><p>Gentile Comune,</p><p>la richiesta è stata ricevuta.</p></body></html>',
  messageId: '<ack.0b7f@comunitasocialecremasca.it>',
  inReplyTo: '<richiesta-1@comune.crema.cr.it>',
  references: ['<prima@comune.crema.cr.it>', '<richiesta-1@comune.crema.cr.it>'],
  headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
};

/** What a mail client reads of a message: the fields Sportello's replies rely on. */
function readBack(mail: ParsedMail) {
  return {
    from: mail.from?.value,
    to: Array.isArray(mail.to) ? mail.to.map((to) => to.value) : mail.to?.value,
    subject: mail.subject,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    autoSubmitted: mail.headers.get('auto-submitted'),
    suppress: mail.headers.get('x-auto-response-suppress'),
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content.toString('base64'),
    })),
  };
}

async function viaMailComposer(email: EmailContent): Promise<ParsedMail> {
  const raw = await new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo ?? undefined,
    references: [...email.references],
    headers: { ...email.headers },
    attachments: email.attachments?.map((attachment) => ({
      filename: attachment.filename,
      content: Buffer.from(attachment.contentBase64, 'base64'),
      contentType: attachment.contentType,
    })),
  })
    .compile()
    .build();
  return simpleParser(raw);
}

describe('composeEmail', () => {
  it('reads back as the message nodemailer’s MailComposer builds from the same content', async () => {
    const mine = await simpleParser(composeEmail(from, notice));
    expect(readBack(mine)).toEqual(readBack(await viaMailComposer(notice)));
    expect(readBack(mine)).toMatchObject({
      from: [{ name: 'Comunità Sociale Cremasca', address: 'amministrazione@comunitasocialecremasca.it' }],
      subject: notice.subject,
      text: notice.text,
      references: notice.references,
    });
  });

  it('carries attachments beside the text, with accented file names', async () => {
    const workbook = Buffer.from('PK\u0003\u0004 un foglio di calcolo finto '.repeat(40), 'latin1');
    const email: EmailContent = {
      ...notice,
      attachments: [
        {
          filename: 'Riepilogo trimestrale – Comune di Crema.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          contentBase64: workbook.toString('base64'),
        },
        { filename: 'grafico.png', contentType: 'image/png', contentBase64: 'iVBORw0KGgo=' },
      ],
    };
    const mine = await simpleParser(composeEmail(from, email));
    expect(readBack(mine)).toEqual(readBack(await viaMailComposer(email)));
    expect(mine.attachments.map((attachment) => attachment.filename)).toEqual([
      'Riepilogo trimestrale – Comune di Crema.xlsx',
      'grafico.png',
    ]);
    expect(mine.attachments[0]!.content.equals(workbook)).toBe(true);
    expect(mine.text).toBe(notice.text);
  });

  it('keeps what came from outside inside its own header, and every line within the limit', async () => {
    const hostile: EmailContent = {
      ...notice,
      subject: 'Re: richiesta\r\nBcc: altri@example.org',
      inReplyTo: '<id@comune.it>\r\nX-Injected: yes',
      references: Array.from({ length: 60 }, (_, index) => `<riferimento-${index}@comune.crema.cr.it>`),
    };
    const raw = composeEmail(from, hostile);
    const mail = await simpleParser(raw);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.references).toHaveLength(60);
    const lines = raw.toString('utf8').split('\r\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(78);
    expect(raw.toString('utf8')).not.toMatch(/[^\r]\n/);
  });
});
