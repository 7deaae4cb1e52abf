import PizZip from 'pizzip';
import { activationLines, docxWith, pdfWithLines } from './compose-mail.js';
import { beneficiaryFields, birthDateFor } from './tax-codes.js';
import { encryptedPdf } from './encrypted-pdf.js';

/** What a hostile message must lead to. */
export type ExpectedHandling = 'reply' | 'quarantine' | 'staff' | 'ignore' | 'staff_or_reply';

export interface HostileMessage {
  readonly name: string;
  readonly messageId: string | null;
  readonly raw: Buffer;
  readonly expect: ExpectedHandling;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const b64 = (buffer: Buffer | Uint8Array) =>
  Buffer.from(buffer).toString('base64').replace(/.{76}/g, '$&\r\n');

function message(headers: Record<string, string>, body: string | Buffer): Buffer {
  const head = Object.entries(headers)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\r\n');
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`, 'latin1'),
    typeof body === 'string' ? Buffer.from(crlf(body), 'utf8') : body,
  ]);
}

function withAttachment(
  id: string,
  filename: string,
  contentType: string,
  content: Buffer | Uint8Array,
): Buffer {
  return message(
    {
      From: 'servizi.sociali@comune.crema.cr.it',
      To: 'amministrazione@comunitasocialecremasca.it',
      Subject: `Richiesta con allegato ${filename}`,
      'Message-ID': `<${id}>`,
      Date: new Date().toUTCString(),
      'MIME-Version': '1.0',
      'Content-Type': 'multipart/mixed; boundary="bnd"',
    },
    Buffer.from(
      `--bnd\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIn allegato la richiesta.\r\n--bnd\r\nContent-Type: ${contentType}; name="${filename}"\r\nContent-Disposition: attachment; filename="${filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(content)}\r\n--bnd--\r\n`,
      'latin1',
    ),
  );
}

function plain(id: string, body: string | Buffer, extra: Record<string, string> = {}): Buffer {
  return message(
    {
      From: 'servizi.sociali@comune.crema.cr.it',
      To: 'amministrazione@comunitasocialecremasca.it',
      Subject: 'Richiesta attivazione',
      'Message-ID': `<${id}>`,
      Date: new Date().toUTCString(),
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=utf-8',
      ...extra,
    },
    body,
  );
}

// Each message its own Maria Bianchi: the same beneficiary twice would be a duplicate of her project.
const form = (id: string, overrides: Record<string, string> = {}) =>
  activationLines({ ...beneficiaryFields('Bianchi', 'Maria', birthDateFor(id)), ...overrides }).join('\n');

/**
 * At least 200 hostile messages: absurd values, wrong or missing charsets, broken MIME, header
 * injection, very long lines, malformed and encrypted PDFs, zip-bomb and broken DOCX, huge
 * attachments, automatic mail. Each says how it must be handled.
 */
export async function hostileMessages(
  run: string,
  options: { hugeAttachments?: number } = {},
): Promise<HostileMessage[]> {
  const list: HostileMessage[] = [];
  const add = (
    name: string,
    expect: ExpectedHandling,
    build: (id: string) => Buffer,
    id: string | null = `${name}-${run}@hostile.test`,
  ) => list.push({ name, messageId: id ? `<${id}>` : null, raw: build(id ?? `${name}-${run}`), expect });

  const absurd: Record<string, string>[] = [
    { avvio: '31/02/2027' },
    { avvio: '00/00/0000' },
    { avvio: '01/13/2027' },
    { avvio: '01/03/2999' },
    { avvio: '01/03/1850' },
    { termine: '01/01/2020' },
    { nascita: '01/01/2999' },
    { nascita: '32/01/1950' },
    { ore: '999999' },
    { ore: '-5' },
    { ore: '0' },
    { ore: 'tante' },
    { budget: '€ -100,00' },
    { budget: '€ 999.999.999.999,00' },
    { budget: 'gratis' },
    { budget: '€ 0,00' },
    { cf: 'XXXXXXXXXXXXXXXX' },
    { cf: 'BNCMRA50D43D142' },
    { cf: '12345678901' },
    { comune: 'Atlantide' },
  ];
  absurd.forEach((overrides, index) => {
    add(`absurd-${index}`, 'reply', (id) => plain(id, form(id, overrides)));
    add(`absurd-html-${index}`, 'reply', (id) =>
      plain(id, `<html><body><pre>${form(id, overrides)}</pre></body></html>`, {
        'Content-Type': 'text/html; charset=utf-8',
      }),
    );
  });

  const charsets = [
    'iso-8859-1',
    'windows-1252',
    'x-klingon',
    'utf-7',
    'us-ascii',
    'utf-16',
    '',
    'utf8"; foo="bar',
    'ISO-8859-15',
    'koi8-r',
  ];
  charsets.forEach((charset, index) => {
    add(`charset-${index}`, 'staff_or_reply', (id) =>
      plain(id, Buffer.from(crlf(form(id)), index % 2 ? 'latin1' : 'utf8'), {
        'Content-Type': `text/plain; charset=${charset}`,
      }),
    );
    add(`charset-qp-${index}`, 'staff_or_reply', (id) =>
      plain(id, form(id).replace(/à/g, '=E0').replace(/’/g, '=92'), {
        'Content-Type': `text/plain; charset="${charset}"`,
        'Content-Transfer-Encoding': 'quoted-printable',
      }),
    );
    add(`charset-header-${index}`, 'staff_or_reply', (id) =>
      plain(id, form(id), {
        Subject: `=?${charset || 'x'}?B?${Buffer.from('Richiesta àèì').toString('base64')}?=`,
      }),
    );
  });

  const brokenMime = [
    'Content-Type: multipart/mixed; boundary="none"\r\n\r\nno boundary ever appears',
    'Content-Type: multipart/mixed\r\n\r\n--x\r\nbody without boundary parameter',
    'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\ntruncated part',
    'Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64 at all***',
    'Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=Q=\r\n=',
    'Content-Type: ;;;\r\n\r\nweird content type',
    'Content-Type: message/rfc822\r\n\r\nFrom: nested\r\nContent-Type: message/rfc822\r\n\r\nFrom: deeper\r\n\r\nx',
    'Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\n--a\r\n--a--\r\n--a--',
    'Content-Type: application/octet-stream\r\n\r\n\u0000\u0001\u0002\u0003',
    `Content-Type: multipart/mixed; boundary="deep0"\r\n\r\n${Array.from({ length: 40 }, (_, i) => `--deep${i}\r\nContent-Type: multipart/mixed; boundary="deep${i + 1}"\r\n\r\n`).join('')}`,
  ];
  brokenMime.forEach((tail, index) => {
    for (const variant of [0, 1, 2]) {
      add(
        `mime-${index}-${variant}`,
        'staff',
        (id) =>
          Buffer.from(
            `From: ${variant === 2 ? 'senza-chiocciola' : 'qualcuno@esempio.it'}\r\nTo: amministrazione@comunitasocialecremasca.it\r\nSubject: prova ${index}\r\n${variant === 1 ? '' : `Message-ID: <${id}>\r\n`}MIME-Version: 1.0\r\n${tail}\r\n`,
            'latin1',
          ),
        variant === 1 ? null : undefined,
      );
    }
  });

  const injections: Record<string, string>[] = [
    { Subject: 'Richiesta\r\nBcc: attaccante@evil.example' },
    { Subject: '=?utf-8?Q?Richiesta=0D=0ABcc:_attaccante@evil.example?=' },
    { 'Reply-To': 'servizi.sociali@comune.crema.cr.it, attaccante@evil.example' },
    { 'Reply-To': '=?utf-8?Q?x=0D=0ABcc:_attaccante@evil.example?= <servizi.sociali@comune.crema.cr.it>' },
    { From: '"Comune\r\nBcc: attaccante@evil.example" <servizi.sociali@comune.crema.cr.it>' },
  ];
  injections.forEach((headers, index) => {
    for (const variant of [0, 1, 2, 3]) {
      add(`inject-${index}-${variant}`, 'staff_or_reply', (id) =>
        plain(
          id,
          form(id, { cognome: variant % 2 ? 'Bianchi\r\nBcc: attaccante@evil.example' : 'Bianchi' }),
          headers,
        ),
      );
    }
  });

  for (let index = 0; index < 20; index += 1) {
    const longLine = 'A'.repeat(20_000 * (index + 1));
    add(`long-${index}`, index % 2 ? 'reply' : 'staff_or_reply', (id) =>
      plain(
        id,
        index % 2 ? `${form(id)}\n${longLine}` : `${longLine}\n${form(id)}`,
        index % 4 === 0 ? { 'X-Long-Header': 'x'.repeat(50_000) } : {},
      ),
    );
  }

  const validPdf = await pdfWithLines(activationLines({ sad: '[X]' }));
  const brokenPdfs = [
    Buffer.from('%PDF-1.7\ngarbage'),
    Buffer.from(validPdf).subarray(0, 1200),
    Buffer.from(validPdf).subarray(0, 100),
    Buffer.from('not a pdf at all'),
    Buffer.concat([Buffer.from(validPdf).subarray(0, 800), Buffer.alloc(2000, 0xff)]),
  ];
  brokenPdfs.forEach((pdf, index) => {
    for (const variant of [0, 1, 2, 3])
      add(`pdf-broken-${index}-${variant}`, 'quarantine', (id) =>
        withAttachment(id, 'richiesta.pdf', 'application/pdf', pdf),
      );
  });
  for (let index = 0; index < 12; index += 1) {
    add(`pdf-encrypted-${index}`, 'quarantine', (id) =>
      withAttachment(id, 'richiesta.pdf', 'application/pdf', encryptedPdf(`pw${index}`)),
    );
  }

  const bomb = new PizZip();
  bomb.file('[Content_Types].xml', '<Types/>');
  bomb.file('word/document.xml', 'a'.repeat(60 * 1024 * 1024));
  const bombBytes = bomb.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  for (let index = 0; index < 8; index += 1) {
    add(`docx-bomb-${index}`, 'quarantine', (id) =>
      withAttachment(
        id,
        'richiesta.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bombBytes,
      ),
    );
  }
  const goodDocx = Buffer.from(docxWith(activationLines()));
  const brokenDocx = [
    goodDocx.subarray(0, goodDocx.length - 30),
    Buffer.from('PK\u0003\u0004 broken'),
    encryptedPdf(),
    Buffer.alloc(5000, 7),
  ];
  brokenDocx.forEach((docx, index) => {
    for (const variant of [0, 1]) {
      add(`docx-broken-${index}-${variant}`, 'quarantine', (id) =>
        withAttachment(
          id,
          'richiesta.docx',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          docx,
        ),
      );
    }
  });

  const automatic: Record<string, string>[] = [
    { 'Auto-Submitted': 'auto-replied' },
    { 'Auto-Submitted': 'auto-generated' },
    { Precedence: 'bulk' },
    { Precedence: 'junk' },
    { 'List-Id': '<lista.example>' },
    { 'X-Auto-Response-Suppress': 'OOF' },
    { 'Return-Path': '<>' },
    { From: 'MAILER-DAEMON@mx.example' },
    { From: 'amministrazione@comunitasocialecremasca.it' },
    { 'X-Ricevuta': 'avvenuta-consegna' },
  ];
  automatic.forEach((headers, index) =>
    add(`automatic-${index}`, 'ignore', (id) => plain(id, form(id), headers)),
  );

  for (let index = 0; index < (options.hugeAttachments ?? 2); index += 1) {
    add(`huge-${index}`, 'quarantine', (id) =>
      withAttachment(id, 'richiesta.pdf', 'application/pdf', Buffer.alloc(30 * 1024 * 1024, 0x25)),
    );
  }
  return list;
}
