import PizZip from 'pizzip';
import type { ExportFile, ZipWriter } from '../services/beneficiaries/beneficiary-export.js';

/** A ZIP written with PizZip (already the Word templates' ZIP reader), deflated. */
export class PizZipWriter implements ZipWriter {
  async zip(files: readonly ExportFile[]): Promise<Uint8Array> {
    const zip = new PizZip();
    for (const file of files) zip.file(file.path, file.content, { binary: true });
    return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
  }
}
