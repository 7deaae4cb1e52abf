import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { DigitalSigner, MailForTriage, MailText } from '../../domain/triage/mail-for-triage.js';
import { isSignedFile, openSignedFile } from './signed-file.js';
import { hasNoTextLayer, readScans, type ScanCandidate } from './scan-candidates.js';
import type { OcrOptions } from './scan-ocr.js';
import { docxText, pdfText, type DocumentText } from './document-text.js';
import { htmlToFormText } from './html-to-form-text.js';
import { legacyWordText, odtText } from './office-document-text.js';
import { spreadsheetText } from './spreadsheet-text.js';
import { certifiedEnvelope } from './pec-envelope.js';
import type { PecProvider } from './pec-providers.js';
import type { QualifiedAuthority } from './trusted-list.js';

/** Whom Sportello trusts to vouch for what a message says about itself. */
export interface MessageTrust {
  /** The accredited PEC providers (`PEC_TRUSTED_PROVIDERS`): without them no envelope is certified. */
  readonly pecProviders: readonly PecProvider[];
  /** The trusted list's qualified CAs (`SIGNATURE_TRUSTED_LIST`): without them signers' certificates are not checked. */
  readonly qualifiedAuthorities: readonly QualifiedAuthority[];
}

/** Nobody trusted: no PEC certified, no certificate checked (a file triaged without configuration). */
export const noTrust: MessageTrust = { pecProviders: [], qualifiedAuthorities: [] };
import type { MailLimits } from './mail-limits.js';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const odtType = 'application/vnd.oasis.opendocument.text';

/** What the mail adapter reads from a raw message: the triage input plus what threading needs. */
export interface ParsedMessage {
  readonly mail: MailForTriage;
  /** The files attached to the message itself (for PEC, to the message inside the envelope), within the limits. */
  readonly attachments: readonly MessageAttachment[];
  /** Message-ID of the envelope itself (for PEC, the provider's id). */
  readonly envelopeMessageId: string | null;
}

/** A file attached to a message, as sent. */
export interface MessageAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * Decodes a raw message for triage: headers as written, texts of the body (plain and HTML) and of
 * PDF, DOCX and text attachments, and the message inside a PEC envelope (postacert.eml) or a
 * forward. Never throws on bad input: what cannot be read is listed in `unreadable`.
 */
export async function parseMessage(
  raw: Uint8Array,
  limits: MailLimits,
  ocr: OcrOptions | null = null,
  trust: MessageTrust = noTrust,
): Promise<ParsedMessage> {
  const outer = await parse(raw);
  const headers = headerMap(outer);
  const collector = new ContentCollector(limits, trust.qualifiedAuthorities);
  const postacert = outer.attachments.find(
    (attachment) =>
      attachment.contentType === 'message/rfc822' && /postacert\.eml/i.test(attachment.filename ?? ''),
  );
  const candidate = postacert ? await parse(postacert.content) : null;
  // PEC only when an accredited provider's signature and daticert.xml hold; otherwise the envelope is ordinary mail
  // from whoever sent it (the message inside is then read as a forwarded one).
  const certified = await certifiedEnvelope(raw, outer, candidate, trust.pecProviders);
  const isPec = certified !== null;
  const inner = isPec ? candidate : null;
  if (inner) await collector.collect(inner, 'postacert.eml/', 1);
  else await collector.collect(outer, '', 0);
  await readScans(collector, ocr);

  const from = certified?.sender ?? address(outer.from);
  return {
    attachments: collector.files,
    envelopeMessageId: outer.messageId ?? null,
    mail: {
      headers,
      messageId: (inner?.messageId ?? outer.messageId) || null,
      inReplyTo: (inner?.inReplyTo ?? outer.inReplyTo) || null,
      references: references(inner ?? outer),
      subject: (inner?.subject ?? outer.subject ?? '').trim(),
      replyTo: address(outer.replyTo) ?? address(inner?.replyTo) ?? from,
      from,
      fromAddresses: mailboxes(outer.from),
      date: validDate(outer.date),
      isPec,
      certifiedAt: certified?.certifiedAt ?? null,
      texts: collector.texts,
      unreadable: collector.unreadable,
    },
  };
}

/** Walks a message and the messages forwarded inside it, gathering texts, files and what could not be read. */
class ContentCollector {
  readonly texts: MailText[] = [];
  readonly unreadable: { source: string; reason: string }[] = [];
  readonly files: MessageAttachment[] = [];
  readonly scans: ScanCandidate[] = [];

  constructor(
    private readonly limits: MailLimits,
    private readonly authorities: readonly QualifiedAuthority[],
  ) {}

  async collect(message: ParsedMail, prefix: string, depth: number): Promise<void> {
    if (message.html) this.texts.push({ source: `${prefix}body:html`, text: htmlToFormText(message.html) });
    if (message.text) this.texts.push({ source: `${prefix}body`, text: message.text });
    const { maxAttachments } = this.limits;
    if (message.attachments.length > maxAttachments) {
      this.unreadable.push({
        source: `${prefix}allegati`,
        reason: `il messaggio ha più di ${maxAttachments} allegati`,
      });
    }
    for (const attachment of message.attachments.slice(0, maxAttachments)) {
      await this.attachment(attachment, prefix, depth);
    }
  }

  private async attachment(attachment: Attachment, prefix: string, depth: number): Promise<void> {
    const source = `${prefix}attachment:${attachment.filename ?? attachment.contentType}`;
    if (attachment.size > this.limits.maxAttachmentBytes) {
      if (isDocument(attachment))
        this.unreadable.push({
          source,
          reason: `l'allegato supera ${Math.round(this.limits.maxAttachmentBytes / 1048576)} MB`,
        });
      return;
    }
    const isMessage = attachment.contentType === 'message/rfc822';
    // Only the files of the message itself (or of the one inside the PEC) are kept as its attachments.
    if ((prefix === '' || prefix === 'postacert.eml/') && !isMessage) {
      this.files.push({
        fileName: attachment.filename ?? 'allegato',
        contentType: attachment.contentType,
        content: new Uint8Array(attachment.content),
      });
    }
    if (isMessage) {
      if (depth + 1 <= this.limits.maxNesting)
        await this.collect(await parse(attachment.content), `${source}/`, depth + 1);
      return;
    }
    const file = {
      fileName: attachment.filename ?? '',
      contentType: attachment.contentType,
      content: new Uint8Array(attachment.content),
    };
    const document = await documentText(file, this.limits, this.authorities);
    if (!document) return;
    if ('error' in document) this.unreadable.push({ source, reason: document.error });
    else if ('scan' in document) {
      // A small inline picture (a logo, a signature) is no scan of a form.
      if (attachment.related || attachment.size < minScanBytes) return;
      this.scans.push({
        source,
        ...document.scan,
        signers: document.signers ?? [],
        position: this.texts.length,
      });
    } else
      this.texts.push({
        source,
        text: document.text,
        ...(document.signers ? { signers: document.signers } : {}),
      });
  }
}

type SignedDocumentText = (
  DocumentText | { readonly scan: Omit<ScanCandidate, 'source' | 'signers' | 'position'> }
) & {
  readonly signers?: readonly DigitalSigner[];
};
const minScanBytes = 8 * 1024;

async function documentText(
  file: MessageAttachment,
  limits: MailLimits,
  authorities: readonly QualifiedAuthority[],
): Promise<SignedDocumentText | null> {
  if (isSignedFile(file.fileName, file.contentType)) {
    const opened = await openSignedFile(file.content, file.fileName || 'documento.p7m', authorities);
    if ('error' in opened) return opened;
    const inner = await documentText(
      { fileName: opened.fileName, contentType: contentTypeOf(opened.content), content: opened.content },
      limits,
      authorities,
    );
    if (!inner) return { error: `il file firmato contiene un formato non supportato (${opened.fileName})` };
    return 'error' in inner ? inner : { ...inner, signers: opened.signers };
  }
  const type = file.contentType.toLowerCase();
  const name = file.fileName.toLowerCase();
  const bytes = file.content;
  if (type === 'application/pdf' || name.endsWith('.pdf')) {
    const read = await pdfText(bytes, limits);
    return 'text' in read && hasNoTextLayer(read.text) ? { scan: { kind: 'pdf', content: bytes } } : read;
  }
  if (/^image\/(png|jpe?g|tiff)$/.test(type) || /\.(png|jpe?g|tiff?)$/.test(name))
    return { scan: { kind: 'image', content: bytes } };
  if (type === docxType || name.endsWith('.docx')) return docxText(bytes, limits);
  if (type === odtType || name.endsWith('.odt')) return odtText(bytes, limits);
  const sheet = spreadsheetFormat(type, name);
  if (sheet) return spreadsheetText(bytes, sheet, limits);
  if (type === 'application/msword' || name.endsWith('.doc')) return legacyWordText(bytes);
  if (type === 'application/rtf' || name.endsWith('.rtf'))
    return { error: 'formato RTF non supportato: inviare il modulo in PDF, DOCX, ODT o DOC' };
  if (type === 'text/plain' || name.endsWith('.txt')) return { text: new TextDecoder('utf-8').decode(bytes) };
  return null;
}

function spreadsheetFormat(type: string, name: string): 'xlsx' | 'ods' | 'csv' | null {
  if (type.includes('spreadsheetml') || name.endsWith('.xlsx')) return 'xlsx';
  if (type === 'application/vnd.oasis.opendocument.spreadsheet' || name.endsWith('.ods')) return 'ods';
  if (type === 'text/csv' || name.endsWith('.csv')) return 'csv';
  return null;
}

/** The type of a file taken out of a signed envelope, by its first bytes (its name says the rest). */
function contentTypeOf(content: Uint8Array): string {
  if (content[0] === 0x25 && content[1] === 0x50 && content[2] === 0x44 && content[3] === 0x46)
    return 'application/pdf';
  return 'application/octet-stream';
}

function isDocument(attachment: Attachment): boolean {
  return (
    /pdf|word|msword|opendocument|rfc822|text\/plain|pkcs7-mime|image\/(png|jpe?g|tiff)/.test(
      attachment.contentType,
    ) || /\.(pdf|docx?|odt|eml|txt|p7m|png|jpe?g|tiff?)$/i.test(attachment.filename ?? '')
  );
}

async function parse(raw: Uint8Array | Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(Buffer.from(raw), {
      ignoreEmbedded: true,
      skipImageLinks: true,
      skipTextToHtml: true,
    } as object);
  } catch {
    // mailparser gives up on some broken messages: keep what can be said of them.
    const unparsed: ParsedMail = {
      attachments: [],
      headers: new Map(),
      headerLines: [],
      html: false,
      text: new TextDecoder().decode(raw).slice(0, 200_000),
    };
    return unparsed;
  }
}

function headerMap(message: ParsedMail): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { key, line } of message.headerLines ?? []) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    (map[key.toLowerCase()] ??= []).push(value);
  }
  return map;
}

function address(value: ParsedMail['from'] | ParsedMail['replyTo'] | undefined): string | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const item of list) {
    for (const entry of item.value) if (entry.address) return entry.address.toLowerCase();
  }
  return null;
}

/** Each mailbox of a From header; a group (`name: a, b;`) or a name without address counts as unreadable. */
function mailboxes(value: ParsedMail['from']): string[] {
  if (!value) return [];
  const list: AddressObject[] = Array.isArray(value) ? value : [value];
  return list.flatMap((item) =>
    item.value.map((entry) => (entry.group || !entry.address ? '' : entry.address.toLowerCase())),
  );
}

function references(message: ParsedMail): string[] {
  const value = message.references;
  return Array.isArray(value) ? value : value ? [value] : [];
}

function validDate(date: Date | undefined): Date | null {
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
