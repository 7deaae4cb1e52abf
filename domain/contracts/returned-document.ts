/** The first bytes each kind of signed copy starts with. */
const signatures: readonly { readonly name: RegExp; readonly starts: readonly number[][] }[] = [
  { name: /\.pdf$/i, starts: [[0x25, 0x50, 0x44, 0x46, 0x2d]] }, // %PDF-
  { name: /\.p7m$/i, starts: [[0x30], [0x4d, 0x49, 0x49]] }, // DER SEQUENCE, or base64 "MII"
  { name: /\.(docx|odt)$/i, starts: [[0x50, 0x4b, 0x03, 0x04]] }, // ZIP
  { name: /\.doc$/i, starts: [[0xd0, 0xcf, 0x11, 0xe0]] }, // OLE2
  { name: /\.jpe?g$/i, starts: [[0xff, 0xd8, 0xff]] },
  { name: /\.png$/i, starts: [[0x89, 0x50, 0x4e, 0x47]] },
  {
    name: /\.tiff?$/i,
    starts: [
      [0x49, 0x49, 0x2a, 0x00],
      [0x4d, 0x4d, 0x00, 0x2a],
    ],
  },
];

/** Under this size no file is a signed contract (the smallest real PDF of a page is larger). */
const smallestContractBytes = 200;

/**
 * Whether an attachment can be the signed contract it claims to be: a file of that kind (its first
 * bytes), of a plausible size. A 15-byte "PDF" or a renamed text file is not a contract.
 */
export function looksLikeSignedCopy(fileName: string, content: Uint8Array): boolean {
  if (content.length < smallestContractBytes) return false;
  const kind = signatures.find((signature) => signature.name.test(fileName));
  if (!kind) return false;
  return kind.starts.some((start) => start.every((byte, index) => content[index] === byte));
}
