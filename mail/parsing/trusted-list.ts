import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { AppError } from '../../domain/app-error.js';
import { certificateOf } from './certificate-chain.js';

/** A qualified certification authority of a trusted list: whose certificates make a signature qualified. */
export interface QualifiedAuthority {
  /** The trust service provider's name, as the list gives it (Italian first). */
  readonly name: string;
  /** The service's certificates (DER): a signer's certificate must chain to one of them. */
  readonly certificates: readonly Uint8Array[];
}

/** A trusted list read and checked: its qualified CAs, and who signed the list. */
export interface TrustedList {
  readonly authorities: readonly QualifiedAuthority[];
  /** SHA-256 of the certificate that signed the list (hex), to compare with the one the office expects. */
  readonly signerFingerprint: string;
}

const tslNamespace = 'http://uri.etsi.org/02231/v2#';
const signatureNamespace = 'http://www.w3.org/2000/09/xmldsig#';
const qualifiedCa = /\/Svctype\/CA\/QC$/;
// eIDAS "granted", and the statuses the Italian list kept from before eIDAS for services still valid.
const activeStatus = /\/Svcstatus\/(granted|undersupervision|accredited|supervisionincessation)$/;

/**
 * Reads a trusted list (ETSI TS 119 612, e.g. AgID's `TSL-IT.xml`) as the office downloaded it
 * (`SIGNATURE_TRUSTED_LIST`): its XML signature must verify (xml-crypto) with the certificate it
 * carries, that certificate must be the one the office expects when it names one
 * (`SIGNATURE_TRUSTED_LIST_SIGNER_SHA256`), and it must list at least one qualified CA in force.
 */
export function readTrustedList(path: string, expectedSigner: string | null): TrustedList {
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch (error) {
    throw unusable(path, error instanceof Error ? error.message : String(error));
  }
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const root = document.documentElement;
  if (!root || root.localName !== 'TrustServiceStatusList' || root.namespaceURI !== tslNamespace)
    throw unusable(path, 'not an ETSI TS 119 612 trusted list');
  const signerFingerprint = verifiedSigner(root, xml, path);
  if (expectedSigner && signerFingerprint !== expectedSigner.replace(/[:\s]/g, '').toLowerCase())
    throw unusable(path, `signed by a certificate other than the expected one (sha256 ${signerFingerprint})`);
  const authorities = qualifiedAuthorities(root);
  if (authorities.length === 0) throw unusable(path, 'no qualified certification authority in force');
  return { authorities, signerFingerprint };
}

/** Checks the list's enveloped signature; the SHA-256 of its signing certificate. */
function verifiedSigner(root: Element, xml: string, path: string): string {
  const signature = children(root, 'Signature', signatureNamespace)[0];
  if (!signature) throw unusable(path, 'the list is not signed');
  const certificate = descendants(signature, 'X509Certificate')[0]?.textContent?.replace(/\s+/g, '');
  if (!certificate) throw unusable(path, 'the signature carries no certificate');
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  const verifier = new SignedXml({ publicCert: pem });
  let valid = false;
  try {
    verifier.loadSignature(signature as never);
    valid = verifier.checkSignature(xml);
  } catch (error) {
    throw unusable(
      path,
      `its signature cannot be checked (${error instanceof Error ? error.message : error})`,
    );
  }
  if (!valid) throw unusable(path, 'its signature does not match its content');
  // A signature over some fragment only would let the rest be changed (signature wrapping).
  const rootId = root.getAttribute('Id');
  const whole = verifier
    .getReferences()
    .some((reference) => reference.uri === '' || (!!rootId && reference.uri === `#${rootId}`));
  if (!whole) throw unusable(path, 'its signature does not cover the whole list');
  return createHash('sha256').update(Buffer.from(certificate, 'base64')).digest('hex');
}

function qualifiedAuthorities(root: Element): QualifiedAuthority[] {
  return descendants(root, 'TrustServiceProvider').flatMap((provider) => {
    const information = children(provider, 'TSPInformation')[0];
    const name = localisedName(information ? children(information, 'TSPName')[0] : undefined);
    return descendants(provider, 'ServiceInformation').flatMap((service) => {
      const type = text(children(service, 'ServiceTypeIdentifier')[0]);
      const status = text(children(service, 'ServiceStatus')[0]);
      if (!qualifiedCa.test(type) || !activeStatus.test(status)) return [];
      const identity = children(service, 'ServiceDigitalIdentity')[0];
      const certificates = (identity ? descendants(identity, 'X509Certificate') : [])
        .map((node) => new Uint8Array(Buffer.from(text(node).replace(/\s+/g, ''), 'base64')))
        .filter((der) => certificateOf(der) !== null);
      const serviceName = localisedName(children(service, 'ServiceName')[0]);
      return certificates.length > 0 ? [{ name: name || serviceName, certificates }] : [];
    });
  });
}

function localisedName(names: Element | undefined): string {
  const all = names ? children(names, 'Name') : [];
  const italian = all.find((name) => name.getAttribute('xml:lang') === 'it');
  return text(italian ?? all[0]).trim();
}

function children(element: Element, localName: string, namespace = tslNamespace): Element[] {
  const found: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling)
    if (
      node.nodeType === 1 &&
      (node as Element).localName === localName &&
      (node as Element).namespaceURI === namespace
    )
      found.push(node as Element);
  return found;
}

function descendants(element: Element, localName: string): Element[] {
  return Array.from(element.getElementsByTagNameNS('*', localName));
}

const text = (element: Element | undefined) => element?.textContent?.trim() ?? '';

function unusable(path: string, why: string): AppError {
  return new AppError('invalid_configuration', `SIGNATURE_TRUSTED_LIST (${path}) is not usable: ${why}`);
}
