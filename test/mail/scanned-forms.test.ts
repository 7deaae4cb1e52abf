import { describe, expect, it } from 'vitest';
import { detectOcr } from '../../mail/parsing/scan-ocr.js';
import { parseMessage } from '../../mail/parsing/parse-message.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { triageMail } from '../../domain/triage/triage-mail.js';
import { triageToJson } from '../../domain/triage/triage-json.js';
import { activationLines, composeEml, pdfWithLines } from '../support/compose-mail.js';
import { signAttached } from '../support/cades-signing.js';
import { imageOnlyPdf, scannedPage } from '../support/scanned-form.js';
import { ownAddresses } from '../support/triage-file.js';

// CI installs Tesseract with Debian's Italian data and poppler (dev-services/ensure-services.d/ocr.sh).
const ocr = await detectOcr();
const lines = activationLines({ sad: '[X]' });

const message = (filename: string, content: Uint8Array) =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject: 'Richiesta attivazione',
    date: new Date('2027-02-10T08:15:00Z'),
    messageId: '<scan@comune.crema.cr.it>',
    text: 'In allegato la richiesta scansionata.',
    attachments: [{ filename, content: Buffer.from(content) }],
  });
const triage = async (raw: Uint8Array, withOcr = ocr) => {
  const parsed = await parseMessage(raw, defaultMailLimits, withOcr);
  const result = await triageMail(parsed.mail, {
    ownAddresses,
    deliveredAt: new Date('2027-02-10T09:00:00Z'),
  });
  return { parsed, result, json: triageToJson(result) };
};

describe('scanned forms read with OCR in Italian', () => {
  it('finds Tesseract with the Italian data', () => {
    expect(ocr).toMatchObject({ language: 'ita' });
  });

  it('reads a photographed page (PNG) and a scanner PDF without text as the typed PDF, ticks included', async () => {
    const typed = await triage(await message('richiesta.pdf', await pdfWithLines(lines)));
    expect(typed.json).toMatchObject({ kind: 'activation', service: 'SAD', action: 'acknowledge' });
    const png = await scannedPage(lines);
    const photo = await triage(await message('richiesta.png', png));
    expect(photo.json).toEqual(typed.json);
    expect(
      photo.parsed.mail.texts.find((text) => text.source === 'attachment:richiesta.png')?.scan,
    ).toMatchObject({
      meanConfidence: expect.any(Number),
    });
    const scanner = await triage(await message('scansione.pdf', await imageOnlyPdf(png)));
    expect(scanner.json).toEqual(typed.json);
    // Scanned, then signed by the Responsabile di Servizio.
    const signed = await triage(await message('scansione.pdf.p7m', signAttached(await imageOnlyPdf(png))));
    expect(signed.json).toEqual(typed.json);
    expect(signed.result.formSigners).toEqual([{ name: 'ROSSI LAURA', taxCode: 'RSSLRA80A41D142P' }]);
  }, 60_000);

  it('does not answer a scan whose codice fiscale has a smudged character: staff get what was read', async () => {
    const smudged = await scannedPage(lines, {
      line: 'CODICE FISCALE',
      at: 'CODICE FISCALE  BNCMRA50D4'.length,
    });
    const { json, result } = await triage(await message('richiesta.png', smudged));
    expect(json).toMatchObject({ kind: 'activation', action: 'forward_to_staff' });
    expect(result.staffNote).toContain('Modulo letto da una scansione e non trattato automaticamente');
    expect(result.staffNote).toContain('Bianchi Maria');
  }, 60_000);

  it('hands an unreadable scan to staff, and says so when OCR is not installed', async () => {
    // A page of specks: read (no text of a form in it), and handed to staff unanswered.
    const specks = Array.from({ length: 50 }, (_, row) => ".,:;'`".repeat(12).slice(row % 5));
    const unreadable = await triage(await message('richiesta.png', await scannedPage(specks)));
    expect(unreadable.json).toMatchObject({ kind: 'other', action: 'forward_to_staff' });
    const read = [...unreadable.parsed.mail.texts, ...unreadable.parsed.mail.unreadable];
    expect(read.map((entry) => entry.source)).toContain('attachment:richiesta.png');
    const withoutOcr = await triage(await message('richiesta.png', await scannedPage(lines)), null);
    expect(withoutOcr.result.quarantineReason).toBe(
      'Allegato non leggibile (richiesta.png): scansione non leggibile: OCR non installato',
    );
  }, 60_000);
});
