import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import type { MailLimits } from './mail-limits.js';
import { inspectZip } from './zip-inspection.js';

/** The text of a document, or why it cannot be read (in Italian, for the quarantine). */
export type DocumentText = { readonly text: string } | { readonly error: string };

/** Page text and filled AcroForm fields of a PDF. */
export async function pdfText(bytes: Uint8Array, limits: MailLimits): Promise<DocumentText> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      stopAtErrors: false,
    });
    if (pdf.numPages > limits.maxPdfPages) {
      return { error: `il PDF ha ${pdf.numPages} pagine, oltre il limite di ${limits.maxPdfPages}` };
    }
    const { text } = await extractText(pdf, { mergePages: true });
    const fields = await formFieldLines(pdf);
    await pdf.destroy();
    return { text: [text, ...fields].join('\n') };
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'PasswordException') return { error: 'il PDF è protetto da password' };
    return { error: 'il PDF è danneggiato o non leggibile' };
  }
}

// Values typed into PDF form fields are not part of the page text: read them from the widgets.
async function formFieldLines(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<string[]> {
  const lines: string[] = [];
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const annotations = (await (await pdf.getPage(page)).getAnnotations()) as {
      subtype?: string;
      fieldName?: string;
      alternativeText?: string;
      fieldValue?: unknown;
      checkBox?: boolean;
      exportValue?: string;
    }[];
    for (const annotation of annotations) {
      if (annotation.subtype !== 'Widget') continue;
      const label = (annotation.alternativeText || annotation.fieldName || '').trim();
      if (annotation.checkBox) {
        const checked = annotation.fieldValue !== undefined && annotation.fieldValue !== 'Off';
        lines.push(`${checked ? '☒' : '☐'} ${label}`);
      } else if (typeof annotation.fieldValue === 'string' && annotation.fieldValue.trim() !== '') {
        lines.push(`${label}  ${annotation.fieldValue.trim()}`);
      }
    }
  }
  return lines;
}

/** The text of a Word document, after checking it is not a zip bomb. */
export async function docxText(bytes: Uint8Array, limits: MailLimits): Promise<DocumentText> {
  const zip = inspectZip(bytes);
  if (!zip) return { error: 'il documento Word è danneggiato o protetto da password' };
  if (zip.uncompressedBytes > limits.maxDocxUncompressedBytes || zip.entries > 5_000) {
    return { error: 'il documento Word decompresso supera i limiti consentiti' };
  }
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { text: result.value };
  } catch {
    return { error: 'il documento Word è danneggiato o non leggibile' };
  }
}
