import { describe, expect, it } from 'vitest';
import { activationLines, composeEml, docxWith, pdfWithLines } from '../support/compose-mail.js';
import { signAttached, tampered } from '../support/cades-signing.js';
import { triageRaw } from '../support/triage-file.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';

const headers = {
  from: 'servizi.sociali@comune.crema.cr.it',
  to: 'amministrazione@comunitasocialecremasca.it',
  subject: 'Richiesta attivazione',
  date: new Date('2027-02-10T08:15:00Z'),
  messageId: '<signed@comune.crema.cr.it>',
};
const withAttachment = (filename: string, content: Uint8Array, contentType?: string) =>
  composeEml({
    ...headers,
    text: 'Si trasmette la richiesta firmata digitalmente.',
    attachments: [{ filename, content: Buffer.from(content), ...(contentType ? { contentType } : {}) }],
  });
const laura = { name: 'ROSSI LAURA', taxCode: 'RSSLRA80A41D142P' };

// Forms signed by the Responsabile di Servizio (CAdES .p7m) read as the file inside, the signer recorded.
describe('digitally signed forms (.p7m)', () => {
  it('reads a signed PDF (DER) exactly as the plain PDF, with the signer from the certificate', async () => {
    const pdf = await pdfWithLines(activationLines({ sad: '[X]' }));
    const plain = await triageRaw(await withAttachment('richiesta.pdf', pdf));
    const signed = await triageRaw(await withAttachment('richiesta.pdf.p7m', signAttached(pdf)));
    expect(plain.json.kind).toBe('activation');
    expect(signed.json).toEqual(plain.json);
    const parsed = await parseMessage(
      await withAttachment('richiesta.pdf.p7m', signAttached(pdf)),
      defaultMailLimits,
    );
    const text = parsed.mail.texts.find((entry) => entry.source === 'attachment:richiesta.pdf.p7m');
    expect(text?.signers).toEqual([laura]);
  });

  it('reads a base64 signed DOCX and an envelope signed twice (.docx.p7m.p7m)', async () => {
    const docx = docxWith(activationLines({ sad: '☒' }));
    const plain = await triageRaw(await withAttachment('richiesta.docx', docx));
    const base64 = await triageRaw(
      await withAttachment('Richiesta attivazione.docx.p7m', signAttached(docx, 'base64')),
    );
    expect(base64.json).toEqual(plain.json);
    const twice = await triageRaw(
      await withAttachment(
        'richiesta.docx.p7m.p7m',
        signAttached(signAttached(docx)),
        'application/pkcs7-mime',
      ),
    );
    expect(twice.json).toEqual(plain.json);
  });

  it('puts aside a signed file whose content was altered after signing, saying why in Italian', async () => {
    const pdf = await pdfWithLines(activationLines({ sad: '[X]' }));
    const signed = signAttached(pdf);
    const { json, result } = await triageRaw(
      await withAttachment('richiesta.pdf.p7m', tampered(signed, '%PDF-1.7')),
    );
    expect(json.kind).toBe('other');
    expect(result.quarantineReason).toContain('la firma digitale non corrisponde al contenuto del file');
  });

  it('puts aside a broken or detached .p7m', async () => {
    const broken = await triageRaw(
      await withAttachment('richiesta.pdf.p7m', new TextEncoder().encode('non firmato')),
    );
    expect(broken.result.quarantineReason).toContain('danneggiato');
  });
});
