import { describe, expect, it } from 'vitest';
import { activationLines, composeEml, docxWith } from '../support/compose-mail.js';
import { savedByLibreOffice } from '../support/office-conversion.js';
import { signAttached } from '../support/cades-signing.js';
import { triageRaw } from '../support/triage-file.js';

const headers = {
  from: 'servizi.sociali@comune.crema.cr.it',
  to: 'amministrazione@comunitasocialecremasca.it',
  subject: 'Richiesta attivazione',
  date: new Date('2027-02-10T08:15:00Z'),
  messageId: '<office@comune.crema.cr.it>',
};
const withAttachment = async (filename: string, content: Uint8Array) =>
  triageRaw(
    await composeEml({
      ...headers,
      text: 'In allegato la richiesta.',
      attachments: [{ filename, content: Buffer.from(content) }],
    }),
  );

// Issue 15: the form saved from LibreOffice (.odt) or an old Word (.doc) reads as the DOCX it was.
describe('forms saved as .odt and .doc', () => {
  // The budget and the social worker in a table of label and value cells, as many offices lay it out.
  const lines = activationLines({ sad: '☒' }).filter(
    (line) => !line.startsWith('BUDGET ANNUALE') && !line.startsWith('ASSISTENTE SOCIALE'),
  );
  const table: [string, string][] = [
    ['BUDGET ANNUALE PREVISTO', '€ 5.100,00'],
    ['ASSISTENTE SOCIALE DI RIFERIMENTO:', 'Dott.ssa Anna Neri'],
  ];
  const docx = docxWith(lines, table);

  it('reads an ODT written by LibreOffice, tables included, as the DOCX', async () => {
    const plain = await withAttachment('richiesta.docx', docx);
    expect(plain.json.kind).toBe('activation');
    expect(plain.json.request).toMatchObject({ annualBudget: 5100, socialWorker: 'Dott.ssa Anna Neri' });
    const odt = await withAttachment('richiesta.odt', savedByLibreOffice(docx, 'odt'));
    expect(odt.json).toEqual(plain.json);
    expect(odt.result.formSource).toBe('attachment:richiesta.odt');
    // Signed, as the Responsabile di Servizio sends it.
    const signed = await withAttachment('richiesta.odt.p7m', signAttached(savedByLibreOffice(docx, 'odt')));
    expect(signed.json).toEqual(plain.json);
  }, 60_000);

  it('reads a Word 97-2003 .doc as the DOCX', async () => {
    const plain = await withAttachment('richiesta.docx', docx);
    const doc = await withAttachment('richiesta.doc', savedByLibreOffice(docx, 'doc'));
    expect(doc.json).toEqual(plain.json);
  }, 60_000);

  it('puts aside a broken .odt or .doc with the reason in Italian', async () => {
    const odt = await withAttachment('richiesta.odt', new TextEncoder().encode('PK non un odt'));
    expect(odt.result.quarantineReason).toContain('il documento ODT è danneggiato');
    const doc = await withAttachment('richiesta.doc', new TextEncoder().encode('non un doc'));
    expect(doc.result.quarantineReason).toContain('il documento Word (.doc) è danneggiato');
  });
});
