import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { extractText, getDocumentProxy } from 'unpdf';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import type { RegisterOffice } from '../../domain/register/segnatura.js';
import { PdfLibDailyRegister } from '../../documents/daily-register-pdf.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { PrismaRegisterStore } from '../../prisma/repositories/prisma-register-store.js';
import { ProtocolRegister } from '../../services/register/protocol-register.js';
import { activationLines, composeEml, pdfWithLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

const receivedAt = new Date('2027-02-10T09:00:00Z');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const office: RegisterOffice = {
  name: 'Comunità Sociale Cremasca a.s.c.',
  taxCode: '01234567890',
  ipaCode: 'csc_cr',
  aooCode: 'A1B2C3',
  registerCode: 'SPORTELLO',
  classification: { code: 'VII.1', name: 'Servizi sociali e assistenziali' },
};
const prot = 'http://www.agid.gov.it/protocollo/';

// Issue 26: the register's entries as DPR 445/2000 art. 53-57 want them — seven-digit numbers, the
// impronta of the message and of each file, and nothing of an entry changed once written.
describe.each(databaseKinds)('the protocol register on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let protocol: string;
  let form: Buffer;
  let raw: Buffer;

  beforeAll(async () => {
    db = await officeDatabase(create);
    form = Buffer.from(await pdfWithLines(activationLines({ sad: '[X]' })));
    raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta di attivazione SAD',
      messageId: '<register@comune.crema.cr.it>',
      text: 'Si trasmette la richiesta, con la nota del servizio.',
      attachments: [
        { filename: 'richiesta.pdf', content: form },
        { filename: 'nota.txt', content: Buffer.from('Nota del servizio sociale.') },
      ],
    });
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
    const message = { ...fetched(raw.toString('latin1')), internalDate: receivedAt };
    expect(await intake.handle(message)).toBe('processed');
    const request = await db.database.prisma.request.findFirstOrThrow({ select: { protocol: true } });
    protocol = request.protocol;
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('numbers the request with seven digits and keeps its subject, sender and date', async () => {
    expect(protocol).toBe('2027/0000001');
    const request = await db.database.prisma.request.findUniqueOrThrow({
      where: { protocol },
      select: { subject: true, authenticatedSender: true, receivedAt: true },
    });
    expect(request).toEqual({
      subject: 'Richiesta di attivazione SAD',
      authenticatedSender: 'servizi.sociali@comune.crema.cr.it',
      receivedAt,
    });
  });

  it('records the impronta of the message and of each attached file', async () => {
    const message = await db.database.prisma.inboundMessage.findFirstOrThrow({
      select: { sha256: true, raw: true, documents: { orderBy: { position: 'asc' } } },
    });
    expect(message.sha256).toBe(sha256(message.raw));
    expect(
      message.documents.map(({ position, fileName, mediaType, sizeBytes, sha256 }) => ({
        position,
        fileName,
        mediaType,
        sizeBytes,
        sha256,
      })),
    ).toEqual([
      {
        position: 1,
        fileName: 'richiesta.pdf',
        mediaType: 'application/pdf',
        sizeBytes: form.byteLength,
        sha256: sha256(form),
      },
      {
        position: 2,
        fileName: 'nota.txt',
        mediaType: 'text/plain',
        sizeBytes: 26,
        sha256: sha256(Buffer.from('Nota del servizio sociale.')),
      },
    ]);
  });

  it('refuses, in the database itself, to change or delete what the register wrote', async () => {
    const sql = db.database.prisma;
    const refused = [
      sql.$executeRaw`UPDATE request SET protocol = '2027/0000099' WHERE protocol = ${protocol}`,
      sql.$executeRaw`UPDATE request SET protocol_number = 99 WHERE protocol = ${protocol}`,
      sql.$executeRaw`UPDATE request SET received_at = now() WHERE protocol = ${protocol}`,
      sql.$executeRaw`UPDATE request SET subject = 'altro' WHERE protocol = ${protocol}`,
      sql.$executeRaw`UPDATE request SET authenticated_sender = 'x@y.it' WHERE protocol = ${protocol}`,
      sql.$executeRaw`DELETE FROM request WHERE protocol = ${protocol}`,
      sql.$executeRaw`UPDATE inbound_message SET sha256 = repeat('0', 64)`,
      sql.$executeRaw`UPDATE inbound_message SET received_at = now()`,
      sql.$executeRaw`DELETE FROM inbound_message`,
      sql.$executeRaw`UPDATE received_document SET sha256 = repeat('0', 64)`,
      sql.$executeRaw`DELETE FROM received_document`,
    ];
    for (const attempt of refused) await expect(attempt).rejects.toThrow(/registro di protocollo/);
    // What is not the register's may still change: the request's state, the office's number.
    await expect(
      sql.$executeRaw`UPDATE request SET office_protocol = '4567/2027' WHERE protocol = ${protocol}`,
    ).resolves.toBe(1);
    const documents = await sql.receivedDocument.count();
    expect(documents).toBe(2);
  });

  it("writes the day's register as CSV and PDF, each entry with its impronte", async () => {
    const register = new ProtocolRegister(
      new PrismaRegisterStore(db.database),
      new PdfLibDailyRegister(),
      office,
      office.name,
    );
    const message = await db.database.prisma.inboundMessage.findFirstOrThrow({ select: { sha256: true } });
    const daily = await register.daily(calendarDate('2027-02-10'));
    expect(daily.entries).toBe(1);
    const [header, row] = daily.csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toContain('"numero";"data_registrazione";"ora_registrazione";"mittente"');
    expect(row).toContain(
      '"2027/0000001";"2027-02-10";"10:00:00";"servizi.sociali@comune.crema.cr.it";"Crema"',
    );
    expect(row).toContain(`"${message.sha256}"`);
    expect(row).toContain(`richiesta.pdf sha256:${sha256(form)}`);
    const pdf = await getDocumentProxy(daily.pdf);
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain('Registro giornaliero di protocollo');
    expect(text).toContain('N. 2027/0000001');
    expect(text).toContain(`Impronta del messaggio (SHA-256): ${message.sha256}`);
    const empty = await register.daily(calendarDate('2027-02-11'));
    expect(empty.entries).toBe(0);
    const emptyText = (await extractText(await getDocumentProxy(empty.pdf), { mergePages: true })).text;
    expect(emptyText).toContain('Nessuna registrazione in questo giorno.');
  });

  it("writes the segnatura.xml of a request after AgID's 2021 schema, impronte in base64", async () => {
    const register = new ProtocolRegister(
      new PrismaRegisterStore(db.database),
      new PdfLibDailyRegister(),
      office,
      office.name,
    );
    const xml = (await register.segnatura(protocol))!;
    const document = new DOMParser().parseFromString(xml, 'text/xml');
    const root = document.documentElement!;
    expect([root.namespaceURI, root.localName, root.getAttributeNS(prot, 'versione')]).toEqual([
      prot,
      'SegnaturaInformatica',
      '3.0.0',
    ]);
    const textOf = (name: string) => document.getElementsByTagNameNS(prot, name)[0]?.textContent;
    expect(textOf('NumeroRegistrazione')).toBe('0000001');
    expect(textOf('DataRegistrazione')).toBe('2027-02-10');
    expect(textOf('CodiceAmministrazione')).toBe('csc_cr');
    expect(textOf('Oggetto')).toBe('Richiesta di attivazione SAD');
    const base64 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');
    const primary = document.getElementsByTagNameNS(prot, 'DocumentoPrimario')[0]!;
    expect(primary.getElementsByTagNameNS(prot, 'Impronta')[0]!.textContent).toBe(base64(raw));
    const attachments = [...Array.from(document.getElementsByTagNameNS(prot, 'Allegato'))];
    expect(attachments.map((file) => file.getAttributeNS(prot, 'nomeFile'))).toEqual([
      'richiesta.pdf',
      'nota.txt',
    ]);
    expect(attachments[0]!.getElementsByTagNameNS(prot, 'Impronta')[0]!.textContent).toBe(base64(form));
    expect(await register.segnatura('2027/0009999')).toBeNull();
    const unconfigured = new ProtocolRegister(
      new PrismaRegisterStore(db.database),
      new PdfLibDailyRegister(),
      null,
      office.name,
    );
    await expect(unconfigured.segnatura(protocol)).rejects.toMatchObject({
      code: 'invalid_configuration',
      userMessage: expect.stringContaining('PROTOCOL_IPA_CODE'),
    });
  });
});
