import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { testCertificate, type Signer } from './test-certificates.js';

/** The name the test trusted list gives its qualified certification authority. */
export const testQualifiedAuthority = 'Certificatore qualificato di prova S.p.A.';

let parties: { ca: Signer; signer: Signer; listOperator: Signer } | null = null;

/**
 * Throw-away parties of a trusted list: a qualified CA, a person holding a certificate it issued
 * (VERDI MARCO, as an Italian qualified certificate names its holder), and the list's operator
 * who signs the list; made once per test process with openssl.
 */
function testParties() {
  if (parties) return parties;
  const ca = testCertificate(
    `/C=IT/O=${testQualifiedAuthority}/CN=CA firma qualificata di prova`,
    null,
    'ca_ext',
  );
  const signer = testCertificate(
    '/C=IT/O=Comune di Crema/CN=VERDI MARCO/SN=VERDI/GN=MARCO/serialNumber=TINIT-VRDMRC75C12D142X',
    ca,
    'signer_ext',
  );
  const listOperator = testCertificate(
    '/C=IT/O=Ente di vigilanza di prova/CN=Firma elenco di fiducia',
    null,
    'signer_ext',
  );
  parties = { ca, signer, listOperator };
  return parties;
}

/** Who signs forms with a certificate of the test qualified CA. */
export function qualifiedSigner(): Signer {
  return testParties().signer;
}

const base64Of = (pemFile: string) =>
  /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END/
    .exec(readFileSync(pemFile, 'utf8'))![1]!
    .replace(/\s+/g, '');

/**
 * A trusted list in ETSI TS 119 612 form listing the test qualified CA (granted), beside a
 * withdrawn one, signed (enveloped XML signature, as AgID signs `TSL-IT.xml`) by the test operator.
 * `tamper` changes a name after signing. Returns the file and the SHA-256 of the list's signer.
 */
export function testTrustedList(options: { tamper?: boolean; unsigned?: boolean } = {}) {
  const { ca, listOperator } = testParties();
  const withdrawn = testCertificate('/CN=CA ritirata', null, 'ca_ext');
  const service = (name: string, pem: string, status: string) =>
    `<TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier><ServiceName><Name xml:lang="en">${name}</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>${base64Of(pem)}</X509Certificate></DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/${status}</ServiceStatus><StatusStartingTime>2016-06-30T22:00:00Z</StatusStartingTime></ServiceInformation></TSPService>`;
  const provider = (name: string, services: string) =>
    `<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="en">${name} (EN)</Name><Name xml:lang="it">${name}</Name></TSPName></TSPInformation><TSPServices>${services}</TSPServices></TrustServiceProvider>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" Id="tsl" TSLTag="http://uri.etsi.org/19612/TSLTag"><SchemeInformation><TSLVersionIdentifier>5</TSLVersionIdentifier><SchemeTerritory>IT</SchemeTerritory></SchemeInformation><TrustServiceProviderList>${provider(testQualifiedAuthority, service('CA firma qualificata', ca.cert, 'granted'))}${provider('Certificatore cessato', service('CA ritirata', withdrawn.cert, 'withdrawn'))}</TrustServiceProviderList></TrustServiceStatusList>`;
  let document = xml;
  if (!options.unsigned) {
    const signature = new SignedXml({
      privateKey: readFileSync(listOperator.key),
      publicCert: readFileSync(listOperator.cert),
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signature.addReference({
      xpath: '/*',
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      isEmptyUri: true,
    });
    signature.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
    document = signature.getSignedXml();
  }
  if (options.tamper) document = document.replace('Certificatore cessato', 'Certificatore riattivato');
  const file = join(mkdtempSync(join(tmpdir(), 'sportello-tsl-')), 'TSL-IT.xml');
  writeFileSync(file, document);
  const signerSha256 = createHash('sha256')
    .update(Buffer.from(base64Of(listOperator.cert), 'base64'))
    .digest('hex');
  return { file, signerSha256 };
}
