import type { ParsedMail } from 'mailparser';
import { vouchingProvider, type PecProvider } from './pec-providers.js';
import { verifyDetachedSignature } from './smime-signature.js';

/** A PEC envelope whose signature holds and whose daticert.xml agrees with the message it carries. */
export interface CertifiedEnvelope {
  /** The certified sender (daticert.xml `mittente`). */
  readonly sender: string;
  /** When the sender's PEC provider accepted the message (daticert.xml `data`). */
  readonly certifiedAt: Date;
  /** The accredited provider whose signature vouches for it. */
  readonly provider: string;
}

/**
 * Checks a message that presents itself as PEC: it must be S/MIME `multipart/signed` with a
 * signature that verifies over the signed part, carry `daticert.xml` of type posta-certificata,
 * and that certificate of delivery must name the sender and subject of the `postacert.eml` inside,
 * and the signer must be an accredited provider that manages the certified sender's domain, its
 * certificate valid at the certified time. Anything less is ordinary mail (a header such as
 * `X-Trasporto: posta-certificata` costs nothing to write, a self-made certificate little more).
 */
export async function certifiedEnvelope(
  raw: Uint8Array,
  outer: ParsedMail,
  inner: ParsedMail | null,
  providers: readonly PecProvider[],
): Promise<CertifiedEnvelope | null> {
  if (!inner || providers.length === 0) return null;
  const daticert = outer.attachments.find((attachment) => /^daticert\.xml$/i.test(attachment.filename ?? ''));
  if (!daticert) return null;
  const certificate = readDaticert(daticert.content.toString('utf8'));
  if (!certificate || certificate.type !== 'posta-certificata') return null;
  const innerFrom = inner.from?.value[0]?.address?.toLowerCase() ?? null;
  if (certificate.sender !== innerFrom) return null;
  if (normalized(certificate.subject) !== normalized(inner.subject ?? '')) return null;
  const parts = signedParts(raw);
  if (!parts) return null;
  const signer =
    (await verifyDetachedSignature(parts.signature, parts.content)) ??
    (await verifyDetachedSignature(parts.signature, withCrlf(parts.content)));
  if (!signer) return null;
  const provider = await vouchingProvider(providers, signer, certificate.sender, certificate.at);
  if (!provider) return null;
  return { sender: certificate.sender, certifiedAt: certificate.at, provider: provider.name };
}

interface Daticert {
  readonly type: string;
  readonly sender: string;
  readonly subject: string;
  readonly at: Date;
}

/** The fields of daticert.xml Sportello relies on (DM 2 novembre 2005, allegato: certificato di posta). */
function readDaticert(xml: string): Daticert | null {
  const type = /<postacert\b[^>]*\btipo="([^"]+)"/.exec(xml)?.[1];
  const sender = /<mittente>([^<]+)<\/mittente>/.exec(xml)?.[1];
  const subject = /<oggetto>([\s\S]*?)<\/oggetto>/.exec(xml)?.[1];
  const date =
    /<data\s+zona="([+-])(\d{2})(\d{2})"\s*>\s*<giorno>(\d{2})\/(\d{2})\/(\d{4})<\/giorno>\s*<ora>(\d{2}):(\d{2}):(\d{2})<\/ora>/.exec(
      xml,
    );
  if (!type || !sender || subject === undefined || !date) return null;
  const [, , zoneHours, zoneMinutes, day, month, year, hours, minutes, seconds] = date.map(Number);
  const offsetMinutes = (date[1] === '-' ? -1 : 1) * (zoneHours! * 60 + zoneMinutes!);
  const at = new Date(Date.UTC(year!, month! - 1, day!, hours!, minutes!, seconds!) - offsetMinutes * 60_000);
  if (Number.isNaN(at.getTime())) return null;
  return { type, sender: unescapeXml(sender).trim().toLowerCase(), subject: unescapeXml(subject), at };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The signed part (exact bytes, RFC 1847) and the decoded signature of a multipart/signed message. */
function signedParts(raw: Uint8Array): { content: Uint8Array; signature: Uint8Array } | null {
  const text = Buffer.from(raw).toString('latin1');
  const headerEnd = /\r?\n\r?\n/.exec(text);
  if (!headerEnd) return null;
  const head = text.slice(0, headerEnd.index).replace(/\r?\n[ \t]+/g, ' ');
  const type = /^content-type:\s*multipart\/signed\b(.*)$/im.exec(head)?.[1] ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  if (!boundary || !/protocol\s*=\s*"?application\/(x-)?pkcs7-signature/i.test(type)) return null;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const body = text.slice(headerEnd.index + headerEnd[0].length);
  const first = lineStartIndex(body, delimiter, 0);
  if (first < 0) return null;
  const contentStart = body.indexOf('\n', first) + 1;
  const second = lineStartIndex(body, delimiter, contentStart);
  if (contentStart === 0 || second < 0) return null;
  const contentEnd = body[second - 2] === '\r' ? second - 2 : second - 1;
  const signatureStart = body.indexOf('\n', second) + 1;
  const third = lineStartIndex(body, delimiter, signatureStart);
  if (signatureStart === 0 || third < 0) return null;
  const signaturePart = body.slice(signatureStart, third);
  const split = /\r?\n\r?\n/.exec(signaturePart);
  if (!split) return null;
  const signatureHead = signaturePart.slice(0, split.index);
  const encoded = signaturePart.slice(split.index + split[0].length);
  const signature = /content-transfer-encoding:\s*base64/i.test(signatureHead)
    ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64')
    : Buffer.from(encoded, 'latin1');
  return { content: Buffer.from(body.slice(contentStart, contentEnd), 'latin1'), signature };
}

function lineStartIndex(body: string, delimiter: string, from: number): number {
  for (let index = body.indexOf(delimiter, from); index >= 0; index = body.indexOf(delimiter, index + 1)) {
    if (index === 0 || body[index - 1] === '\n') return index;
  }
  return -1;
}

/** The canonical form S/MIME signs (CRLF line ends), for a message whose line ends were rewritten. */
function withCrlf(content: Uint8Array): Uint8Array {
  return Buffer.from(Buffer.from(content).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
