import MailComposer from 'nodemailer/lib/mail-composer';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import PizZip from 'pizzip';

/** A raw RFC 5322 message built with nodemailer's own composer. */
export async function composeEml(options: Record<string, unknown>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new MailComposer(options)
      .compile()
      .build((error: Error | null, message: Buffer) => (error ? reject(error) : resolve(message)));
  });
}

/** A one-page PDF holding `lines` of text (WinAnsi: use [X] / [ ] for tick boxes). */
export async function pdfWithLines(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    if (y < 40) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(
      line.replace(/[’]/g, "'").replace(/[☒]/g, '[X]').replace(/[☐]/g, '[ ]').replace(/[–]/g, '-'),
      { x: 40, y, size: 10, font },
    );
    y -= 14;
  }
  return pdf.save();
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal DOCX whose body holds paragraphs and, optionally, a two-column table of label/value rows. */
export function docxWith(paragraphs: string[], table: [string, string][] = []): Uint8Array {
  const paragraph = (text: string) =>
    `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  const cell = (text: string) =>
    `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>${paragraph(text)}</w:tc>`;
  const rows = table.map(([label, value]) => `<w:tr>${cell(label)}${cell(value)}</w:tr>`).join('');
  const body = paragraphs.map(paragraph).join('') + (rows ? `<w:tbl><w:tblPr/>${rows}</w:tbl>` : '');
  const zip = new PizZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A minor of Offanengo, for the activation form (SAD unticked: tick the service wanted). */
export const lucaFerri: Record<string, string> = {
  cognome: 'Ferri',
  nome: 'Luca',
  nascita: '12/06/2015',
  cf: 'FRRLCU15H12G004O',
  comune: 'Offanengo',
  sad: '☐',
};

/** An elderly lady of Soncino, whose Comune writes by PEC, for the activation form. */
export const carlaRizzi: Record<string, string> = {
  cognome: 'Rizzi',
  nome: 'Carla',
  nascita: '01/12/1938',
  cf: 'RZZCRL38T41I827A',
  comune: 'Soncino',
  avvio: '01/04/2027',
  ore: '120',
  budget: '€ 2.600,00',
};

/** The lines of the RICHIESTA DI ATTIVAZIONE as sample 01 fills it, to vary in tests. */
export function activationLines(overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    cognome: 'Bianchi',
    nome: 'Maria',
    nascita: '03/04/1950',
    cf: 'BNCMRA50D43D142D',
    comune: 'Crema',
    sad: '☒',
    adm: '☐',
    sip: '☐',
    saap: '☐',
    avvio: '01/03/2027',
    termine: '31/12/2027',
    ore: '200',
    ente: 'Coop. Sociale Il Girasole',
    budget: '€ 4.300,00',
    compartecipa: '',
    d2: '☐',
    d1: '☐',
    asa: '☐',
    superiore: '☐',
    ...overrides,
  };
  return [
    'Spett.le',
    'COMUNITA SOCIALE CREMASCA a.s.c',
    'RICHIESTA DI ATTIVAZIONE SERVIZIO ACCREDITATO',
    'Con la presente si richiede l’attivazione del servizio accreditato a favore di:',
    'DATI ANAGRAFICI BENEFICIARIO:',
    `COGNOME  ${values.cognome}`,
    `NOME  ${values.nome}`,
    `DATA DI NASCITA  ${values.nascita}`,
    `CODICE FISCALE  ${values.cf}`,
    `COMUNE DI RESIDENZA  ${values.comune}`,
    'TIPO DI SERVIZIO: (barrare l’opzione prescelta)',
    `${values.sad} SERVIZIO DI ASSISTENZA DOMICILIARE ANZIANI E DISABILI (SAD – SADH)`,
    `${values.adm} SERVIZIO DI ASSISTENZA EDUCATIVA DOMICILIARE PER MINORI E ADULTI (ADM – ADEA)`,
    `${values.sip} SERVIZIO INCONTRI PROTETTI (SIP)`,
    `${values.saap} SERVIZIO DI ASSISTENZA PER L’AUTONOMIA PERSONALE DEGLI ALUNNI DISABILI (SAAP)`,
    `DATA DI AVVIO SERVIZIO  ${values.avvio}`,
    `DATA TERMINE SERVIZIO  ${values.termine}`,
    `MONTE ORE ANNUALE  ${values.ore}`,
    `ENTE ACCREDITATO PRESCELTO  ${values.ente}`,
    'PRESTAZIONE PREVALENTE  SAD-08',
    'PRESTAZIONI SECONDARIE  SAD-02, SAD-04',
    `BUDGET ANNUALE PREVISTO  ${values.budget}`,
    '(Il budget consiste nella quota a carico Comune ed è autorizzatorio per Comunità Sociale Cremasca ai fini del pagamento delle fatture all’Ente Gestore).',
    `Per ADM o SIP indicare eventuale Comune che compartecipa alla spesa  ${values.compartecipa}`,
    'Per servizio SAAP specificare il profilo dell’operatore e l’eventuale frequenza di una scuola secondaria di II° grado:',
    `${values.d2} EDUCATORE PROFESSIONALE (D2)`,
    `${values.d1} EDUCATORE (D1)`,
    `${values.asa} ASA/OSS (D1)`,
    `${values.superiore} FREQUENZA SCUOLA SECONDARIA II° GRADO`,
    'ASSISTENTE SOCIALE DI RIFERIMENTO:  Dott.ssa Anna Bianchi',
    'Luogo, data Crema, 10/02/2027',
    'FIRMA DEL RESPONSABILE DI SERVIZIO',
  ];
}

/** Maria Bianchi and her SAD, as the variation and cessation forms name them. */
function mariaSadLines(taxCode: string): string[] {
  return [
    'DATI ANAGRAFICI BENEFICIARIO:',
    'COGNOME  Bianchi',
    'NOME  Maria',
    'DATA DI NASCITA  03/04/1950',
    `CODICE FISCALE  ${taxCode}`,
    'COMUNE DI RESIDENZA  Crema',
    'TIPO DI SERVIZIO: (barrare l’opzione prescelta)',
    '☒ SERVIZIO DI ASSISTENZA DOMICILIARE ANZIANI E DISABILI (SAD – SADH)',
    '☐ SERVIZIO DI ASSISTENZA EDUCATIVA DOMICILIARE PER MINORI E ADULTI (ADM – ADEA)',
  ];
}

/** The lines of a RICHIESTA DI VARIAZIONE PROGETTUALE for Maria Bianchi's SAD, to vary in tests. */
export function variationFormLines(overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    cf: 'BNCMRA50D43D142D',
    decorrenza: '01/04/2027',
    variazione: 'Monte ore annuale aumentato',
    ore: '',
    budget: '€ 5.200,00',
    ...overrides,
  };
  return [
    'RICHIESTA DI VARIAZIONE PROGETTUALE',
    'Con la presente si richiede la variazione del servizio attivato a favore di:',
    ...mariaSadLines(values.cf!),
    '☐ SERVIZIO INCONTRI PROTETTI (SIP)',
    '☐ SERVIZIO DI ASSISTENZA PER L’AUTONOMIA PERSONALE DEGLI ALUNNI DISABILI (SAAP)',
    '☐ SERVIZO CSE-CDD-SFA',
    `DATA DI DECORRENZA VARIAZIONE PROGETTUALE  ${values.decorrenza}`,
    '(Dovrà essere garantito un preavviso di almeno 15 giorni)',
    `VARIAZIONE RICHIESTA  ${values.variazione}`,
    ...(values.ore ? [`MONTE ORE ANNUALE  ${values.ore}`] : []),
    `NUOVO BUDGET ANNUALE ASSEGNATO  ${values.budget}`,
    'ASSISTENTE SOCIALE DI RIFERIMENTO:  Dott.ssa Anna Bianchi',
    'FIRMA DEL RESPONSABILE DI SERVIZIO',
  ];
}

/** The lines of a MODULO DI CESSAZIONE for Maria Bianchi's SAD. */
export function cessationFormLines(overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = { cf: 'BNCMRA50D43D142D', data: '30/04/2027', ...overrides };
  return [
    'MODULO DI CESSAZIONE',
    ...mariaSadLines(values.cf!),
    `DATA DI CESSAZIONE  ${values.data}`,
    'MOTIVO DELLA CESSAZIONE  Trasferimento in RSA',
    'ASSISTENTE SOCIALE DI RIFERIMENTO:  Dott.ssa Anna Bianchi',
    'FIRMA DEL RESPONSABILE DI SERVIZIO',
  ];
}

/** A plain-text message from the Crema social services carrying a form in its body. */
export function formMessage(lines: readonly string[], id: string, date?: Date): string {
  return [
    'From: servizi.sociali@comune.crema.cr.it',
    'To: amministrazione@comunitasocialecremasca.it',
    'Subject: Modulo Bianchi',
    `Message-ID: <${id}@comune.crema.cr.it>`,
    ...(date ? [`Date: ${date.toUTCString()}`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...lines,
  ].join('\r\n');
}
