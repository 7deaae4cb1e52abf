import PizZip from 'pizzip';
import { SaxesParser } from 'saxes';
import WordExtractor from 'word-extractor';
import type { DocumentText } from './document-text.js';
import type { MailLimits } from './mail-limits.js';
import { inspectZip } from './zip-inspection.js';

/**
 * The text of an OpenDocument text (`.odt`, LibreOffice's own format): its `content.xml`, after the
 * zip limits a DOCX has. Paragraphs and headings make lines; the cells of a table row are joined
 * by two spaces, so that a «label | value» table reads like the form's «LABEL  value» lines.
 */
export function odtText(bytes: Uint8Array, limits: MailLimits): DocumentText {
  const zip = inspectZip(bytes);
  if (!zip) return { error: 'il documento ODT è danneggiato o protetto da password' };
  if (zip.uncompressedBytes > limits.maxDocxUncompressedBytes || zip.entries > 5_000)
    return { error: 'il documento ODT decompresso supera i limiti consentiti' };
  try {
    const content = new PizZip(bytes).file('content.xml');
    if (!content) return { error: 'il documento ODT è danneggiato o non leggibile' };
    if (content.asText().includes('encryption-data'))
      return { error: 'il documento ODT è protetto da password' };
    return { text: openDocumentXmlText(content.asText()) };
  } catch {
    return { error: 'il documento ODT è danneggiato o non leggibile' };
  }
}

function openDocumentXmlText(xml: string): string {
  const lines: string[] = [];
  let line = '';
  let cells: string[] | null = null;
  let cell = '';
  let inText = 0;
  const parser = new SaxesParser({ xmlns: false });
  const append = (text: string) => {
    if (cells) cell += text;
    else line += text;
  };
  const endParagraph = () => {
    if (cells) cell += cell && !cell.endsWith(' ') ? ' ' : '';
    else {
      lines.push(line);
      line = '';
    }
  };
  parser.on('opentag', (tag) => {
    if (tag.name === 'text:p' || tag.name === 'text:h') inText += 1;
    else if (tag.name === 'table:table-row') cells = [];
    else if (tag.name === 'table:table-cell') cell = '';
    else if (tag.name === 'text:tab') append('\t');
    else if (tag.name === 'text:line-break') endParagraph();
    else if (tag.name === 'text:s') append(' '.repeat(Number(tag.attributes['text:c'] ?? 1) || 1));
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'text:p' || tag.name === 'text:h') {
      inText -= 1;
      endParagraph();
    } else if (tag.name === 'table:table-cell' && cells) cells.push(cell.trim());
    else if (tag.name === 'table:table-row' && cells) {
      lines.push(cells.filter(Boolean).join('  '));
      cells = null;
    }
  });
  parser.on('text', (text) => {
    if (inText > 0) append(text);
  });
  parser.write(xml).close();
  return lines.join('\n');
}

/** The text of an old Word document (`.doc`, the binary format of Word 97-2003), read in process. */
export async function legacyWordText(bytes: Uint8Array): Promise<DocumentText> {
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes));
    return { text: [document.getBody(), document.getTextboxes?.() ?? ''].join('\n') };
  } catch {
    return { error: 'il documento Word (.doc) è danneggiato o non leggibile' };
  }
}
