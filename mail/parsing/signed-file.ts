import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { DigitalSigner } from '../../domain/triage/mail-for-triage.js';
import { chainsToAny } from './certificate-chain.js';
import type { QualifiedAuthority } from './trusted-list.js';

/** The file inside a CAdES envelope, with who signed it; or why it cannot be opened (Italian). */
export type OpenedSignedFile =
  | { readonly content: Uint8Array; readonly fileName: string; readonly signers: readonly DigitalSigner[] }
  | { readonly error: string };

const commonName = '2.5.4.3';
const serialNumber = '2.5.4.5';
const givenName = '2.5.4.42';
const surname = '2.5.4.4';
/** How many envelopes inside each other (`.pdf.p7m.p7m`) are opened. */
const maxNesting = 3;

/** Whether a file is a CAdES signed envelope by its name or type. */
export function isSignedFile(fileName: string, contentType: string): boolean {
  return /\.p7m$/i.test(fileName) || /^application\/(x-)?pkcs7-mime$/i.test(contentType);
}

/**
 * Opens a CAdES file (`.p7m`, DER or base64/PEM, envelopes nested up to three deep): checks that
 * every signature matches the content it carries (integrity) and reads each signer's name and
 * codice fiscale from the certificate's subject (CN, serialNumber `TINIT-…`). The certificate is
 * not checked against the trust list (that needs the network). A detached signature, a broken
 * envelope or a signature that does not match the content is an error.
 */
export async function openSignedFile(
  bytes: Uint8Array,
  fileName: string,
  authorities: readonly QualifiedAuthority[] = [],
): Promise<OpenedSignedFile> {
  let content = bytes;
  let name = fileName;
  const signers: DigitalSigner[] = [];
  for (let depth = 0; depth < maxNesting; depth += 1) {
    const opened = await openOne(content, authorities);
    if ('error' in opened) return opened;
    content = opened.content;
    signers.push(...opened.signers);
    name = name.replace(/\.p7m$/i, '');
    if (!/\.p7m$/i.test(name) && !looksSigned(content)) return { content, fileName: name, signers };
  }
  return { error: 'il file firmato contiene troppe buste di firma una dentro l’altra' };
}

async function openOne(
  bytes: Uint8Array,
  authorities: readonly QualifiedAuthority[],
): Promise<{ content: Uint8Array; signers: DigitalSigner[] } | { error: string }> {
  const der = derOf(bytes);
  if (!der) return { error: 'il file firmato (.p7m) è danneggiato o non leggibile' };
  let signed: pkijs.SignedData;
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return { error: 'il file firmato (.p7m) è danneggiato o non leggibile' };
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA)
      return { error: 'il file .p7m non è un documento firmato digitalmente' };
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { error: 'il file firmato (.p7m) è danneggiato o non leggibile' };
  }
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent)
    return { error: 'la firma è separata dal documento: inviare il file firmato completo (.p7m)' };
  const content = new Uint8Array(eContent.getValue());
  const signers: DigitalSigner[] = [];
  for (let index = 0; index < signed.signerInfos.length; index += 1) {
    const verified = await verifySigner(signed, index, authorities);
    if (!verified)
      return {
        error: 'la firma digitale non corrisponde al contenuto del file: il documento risulta alterato',
      };
    signers.push(verified);
  }
  if (signers.length === 0) return { error: 'il file .p7m non contiene alcuna firma' };
  return { content, signers };
}

async function verifySigner(
  signed: pkijs.SignedData,
  signer: number,
  authorities: readonly QualifiedAuthority[],
): Promise<DigitalSigner | null> {
  let certificate: pkijs.Certificate;
  try {
    const result = await signed.verify({ signer, checkChain: false, extendedMode: true });
    if (!result.signatureVerified || !result.signerCertificate) return null;
    certificate = result.signerCertificate;
  } catch {
    return null;
  }
  const person = signerOf(certificate);
  if (authorities.length === 0) return person;
  const carried = (signed.certificates ?? []).filter(
    (entry): entry is pkijs.Certificate => entry instanceof pkijs.Certificate && entry !== certificate,
  );
  const at = signingTime(signed.signerInfos[signer]!) ?? new Date();
  for (const authority of authorities)
    if (await chainsToAny(authority.certificates, certificate, carried, at))
      return { ...person, qualifiedBy: authority.name };
  return { ...person, qualifiedBy: null };
}

const signingTimeAttribute = '1.2.840.113549.1.9.5';

/** The signing time the signer declared (CAdES signed attribute), to check the certificate then. */
function signingTime(info: pkijs.SignerInfo): Date | null {
  const attribute = info.signedAttrs?.attributes.find((entry) => entry.type === signingTimeAttribute);
  const value = attribute?.values[0] as { toDate?: () => Date } | undefined;
  const date = value?.toDate?.();
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function signerOf(certificate: pkijs.Certificate): DigitalSigner {
  const subject = new Map(
    certificate.subject.typesAndValues.map((entry) => [entry.type, String(entry.value.valueBlock.value)]),
  );
  const fullName = [subject.get(givenName), subject.get(surname)].filter(Boolean).join(' ');
  const taxCode = /^TINIT-([A-Z0-9]{16})$/i.exec(subject.get(serialNumber) ?? '')?.[1]?.toUpperCase() ?? null;
  return { name: subject.get(commonName) ?? (fullName || null), taxCode };
}

/** DER bytes: as they are, or decoded from base64 (with or without PEM armour). */
function derOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] === 0x30) return bytes;
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024 * 1024));
  const body = text.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) return null;
  const decoded = new Uint8Array(Buffer.from(body, 'base64'));
  return decoded[0] === 0x30 ? decoded : null;
}

/** A nested envelope without the `.p7m` in its name: DER SignedData, or its base64. */
function looksSigned(content: Uint8Array): boolean {
  const der = derOf(content);
  if (!der || der.length < 16) return false;
  // ContentInfo of signedData: the OID 1.2.840.113549.1.7.2 near the start.
  const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  const head = der.subarray(0, 24);
  return head.some((_, start) => oid.every((byte, offset) => head[start + offset] === byte));
}
