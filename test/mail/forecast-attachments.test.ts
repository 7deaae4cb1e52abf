import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { composeEml } from '../support/compose-mail.js';
import { signAttached } from '../support/cades-signing.js';
import { triageRaw } from '../support/triage-file.js';

const forecastMail = (filename: string, content: Uint8Array) =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject: 'Previsione di spesa SAD anno 2028',
    date: new Date('2027-11-19T09:00:00Z'),
    messageId: '<forecast-xlsx@comune.crema.cr.it>',
    text: 'Si trasmette la previsione di spesa con il prospetto di dettaglio degli utenti in allegato.',
    attachments: [{ filename, content: Buffer.from(content) }],
  });

async function detailWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Utenti');
  sheet.addRow(['Cognome', 'Nome', 'Codice fiscale', 'Ore annue', 'Note']);
  sheet.addRow(['Bianchi', 'Maria', 'BNCMRA50D43D142D', 200, 'continuità']);
  sheet.addRow(['Rossi', 'Giovanni', 'RSSGNN46B11D142B', 150, 'continuità']);
  sheet.addRow(['Verdi', 'Anna', 'NON-UN-CODICE', 80, 'nuova attivazione']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// Seed l. 343-346: the forecast comes «allegando un prospetto di dettaglio degli utenti», often a workbook.
describe('the detail of a forecast in a spreadsheet', () => {
  it('reads the codici fiscali of an Excel workbook, signed or not', async () => {
    const xlsx = await detailWorkbook();
    const { json } = await triageRaw(await forecastMail('prospetto utenti.xlsx', xlsx));
    expect(json).toMatchObject({
      kind: 'forecast',
      forecast: {
        service: 'SAD',
        taxCodes: ['BNCMRA50D43D142D', 'RSSGNN46B11D142B'],
        // The workbook's «Ore annue» column gives each row's hours (seed l. 343-346).
        lines: [
          { taxCode: 'BNCMRA50D43D142D', annualHours: 200, festiveHours: null, budgetCents: null },
          { taxCode: 'RSSGNN46B11D142B', annualHours: 150, festiveHours: null, budgetCents: null },
        ],
      },
    });
    const signed = await triageRaw(await forecastMail('prospetto utenti.xlsx.p7m', signAttached(xlsx)));
    expect(signed.json).toEqual(json);
  });

  it('reads a CSV export, and puts aside a broken workbook with the reason', async () => {
    const csv = new TextEncoder().encode('Cognome;Codice fiscale;Ore\nBianchi;BNCMRA50D43D142D;200\n');
    const { json } = await triageRaw(await forecastMail('prospetto.csv', csv));
    expect(json.forecast?.taxCodes).toEqual(['BNCMRA50D43D142D']);
    const broken = await triageRaw(
      await forecastMail('prospetto.xlsx', new TextEncoder().encode('PK rotto')),
    );
    expect(broken.result.quarantineReason).toContain('il foglio Excel è danneggiato');
  });
});
