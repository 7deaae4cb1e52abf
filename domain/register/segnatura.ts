import { romeDateOf } from '../calendar/calendar-date.js';
import { romeTimeOf } from '../calendar/rome-instant.js';
import { entryDescription, type RegisteredFile, type RegisterEntry } from './register-entry.js';

/** Who registers: the office as its protocol system knows it (IPA codes, register, classification). */
export interface RegisterOffice {
  readonly name: string;
  /** The office's codice fiscale (11 digits), when configured. */
  readonly taxCode: string | null;
  readonly ipaCode: string;
  readonly aooCode: string;
  readonly registerCode: string;
  readonly classification: { readonly name: string; readonly code: string };
}

const protocolNamespace = 'http://www.agid.gov.it/protocollo/';

/**
 * The segnatura informatica of a register entry (AgID Linee guida 2021, allegato 6: root
 * `SegnaturaInformatica`, `versione="3.0.0"`, namespace-qualified attributes), for import into the
 * office's protocol system. The XAdES signature the schema ends with (`ds:Signature`) is the
 * office's seal: Sportello holds none, so the system that imports the file seals it.
 */
export function segnaturaXml(entry: RegisterEntry, office: RegisterOffice): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<prot:SegnaturaInformatica xmlns:prot="${protocolNamespace}" prot:versione="3.0.0" prot:lang="it">`,
    '  <prot:Intestazione>',
    '    <prot:Identificatore>',
    `      <prot:CodiceAmministrazione>${text(office.ipaCode)}</prot:CodiceAmministrazione>`,
    `      <prot:CodiceAOO>${text(office.aooCode)}</prot:CodiceAOO>`,
    `      <prot:CodiceRegistro>${text(office.registerCode)}</prot:CodiceRegistro>`,
    `      <prot:NumeroRegistrazione>${String(entry.number).padStart(7, '0')}</prot:NumeroRegistrazione>`,
    `      <prot:DataRegistrazione>${romeDateOf(entry.receivedAt)}</prot:DataRegistrazione>`,
    `      <prot:OraRegistrazione>${romeTimeOf(entry.receivedAt)}</prot:OraRegistrazione>`,
    '    </prot:Identificatore>',
    `    <prot:Oggetto>${text(entry.subject || entryDescription(entry))}</prot:Oggetto>`,
    '    <prot:Classifica>',
    `      <prot:Denominazione>${text(office.classification.name)}</prot:Denominazione>`,
    `      <prot:CodiceFlat>${text(office.classification.code)}</prot:CodiceFlat>`,
    '    </prot:Classifica>',
    // Every request names a person who receives social care: data of art. 9 GDPR.
    '    <prot:Riservato prot:note="dati personali particolari (art. 9 GDPR)">true</prot:Riservato>',
    '  </prot:Intestazione>',
    '  <prot:Descrizione>',
    '    <prot:Mittente>',
    '      <prot:PA>',
    `        <prot:DenominazionePA>${text(entry.senderMunicipality ? `Comune di ${entry.senderMunicipality}` : (entry.sender ?? 'mittente non indicato'))}</prot:DenominazionePA>`,
    ...(entry.sender
      ? [
          '        <prot:ContattiAmministrazione>',
          `          <prot:IndirizzoTelematico prot:tipo="smtp">${text(entry.sender)}</prot:IndirizzoTelematico>`,
          '        </prot:ContattiAmministrazione>',
        ]
      : []),
    '      </prot:PA>',
    '    </prot:Mittente>',
    '    <prot:Destinatario>',
    '      <prot:PA>',
    `        <prot:DenominazionePA>${text(office.name)}</prot:DenominazionePA>`,
    ...(office.taxCode ? [`        <prot:CFPA>${text(office.taxCode)}</prot:CFPA>`] : []),
    `        <prot:CodiceIPAPA>${text(office.ipaCode)}</prot:CodiceIPAPA>`,
    `        <prot:CodiceIPAAOO>${text(office.aooCode)}</prot:CodiceIPAAOO>`,
    '      </prot:PA>',
    '    </prot:Destinatario>',
    ...documentLines('DocumentoPrimario', entry.message ?? missingMessage, 'il messaggio ricevuto'),
    ...entry.attachments.flatMap((file) => documentLines('Allegato', file, null)),
    '  </prot:Descrizione>',
    '</prot:SegnaturaInformatica>',
    '',
  ];
  return lines.join('\n');
}

// Messages registered before impronte were recorded have none to give.
const missingMessage: RegisteredFile = {
  fileName: 'messaggio.eml',
  mediaType: 'message/rfc822',
  sizeBytes: 0,
  sha256: '',
};

function documentLines(element: string, file: RegisteredFile, description: string | null): string[] {
  return [
    `    <prot:${element} prot:nomeFile="${text(file.fileName)}" prot:mimeType="${text(file.mediaType)}">`,
    ...(description ? [`      <prot:Descrizione>${text(description)}</prot:Descrizione>`] : []),
    `      <prot:Impronta prot:algoritmo="SHA-256">${base64OfHex(file.sha256)}</prot:Impronta>`,
    `    </prot:${element}>`,
  ];
}

/** Text and attribute values escaped for XML; characters XML 1.0 cannot carry are dropped. */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The schema's impronta is base64 of the digest; the register keeps it in hex. */
function base64OfHex(hex: string): string {
  const bytes = hex.match(/../g)?.map((pair) => String.fromCharCode(parseInt(pair, 16))) ?? [];
  return btoa(bytes.join(''));
}
