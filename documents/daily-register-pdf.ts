import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CalendarDate } from '../domain/calendar/calendar-date.js';
import { formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import { romeTimeOf } from '../domain/calendar/rome-instant.js';
import { entryDescription, type RegisterEntry } from '../domain/register/register-entry.js';
import type { DailyRegisterPdf } from '../services/register/protocol-register.js';

// A4 landscape, in points.
const pageSize: [number, number] = [842, 595];
const margin = 40;
const lineHeight = 12;

/**
 * The daily register as a PDF written with pdf-lib: one block per entry (number, time, sender,
 * subject, what it is, the impronta of the message and of each file), numbered pages.
 */
export class PdfLibDailyRegister implements DailyRegisterPdf {
  async render(
    day: CalendarDate,
    entries: readonly RegisterEntry[],
    officeName: string,
  ): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    pdf.setTitle(`Registro giornaliero di protocollo del ${formatShortItalianDate(day)}`);
    pdf.setAuthor(officeName);
    pdf.setProducer('Sportello');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const writer = new PageWriter(pdf, font);
    writer.line(`Registro giornaliero di protocollo – ${officeName}`, bold, 13);
    writer.line(
      `Giorno ${formatShortItalianDate(day)}: ${entries.length === 1 ? '1 registrazione' : `${entries.length} registrazioni`}.`,
    );
    writer.gap();
    if (entries.length === 0) writer.line('Nessuna registrazione in questo giorno.');
    for (const entry of entries) {
      writer.keepTogether(4 + entry.attachments.length);
      writer.line(
        `N. ${entry.protocol} – ore ${romeTimeOf(entry.receivedAt)} – ${entryDescription(entry)}`,
        bold,
      );
      writer.line(
        `Mittente: ${entry.sender ?? 'non indicato'}${entry.senderMunicipality ? ` (Comune di ${entry.senderMunicipality})` : ''}`,
      );
      writer.line(`Oggetto: ${entry.subject ?? '—'}`);
      writer.line(`Impronta del messaggio (SHA-256): ${entry.message?.sha256 ?? 'non registrata'}`);
      for (const file of entry.attachments)
        writer.line(`Allegato ${file.fileName} (SHA-256): ${file.sha256}`);
      writer.gap();
    }
    const pages = pdf.getPages();
    pages.forEach((page, index) =>
      page.drawText(writable(font, `Pagina ${index + 1} di ${pages.length}`), {
        x: margin,
        y: margin / 2,
        size: 8,
        font,
      }),
    );
    return pdf.save();
  }
}

/** Lines down the page, a new page when one is full; long lines wrap at the margin. */
class PageWriter {
  private page: PDFPage;
  private y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = this.newPage();
  }

  line(text: string, font = this.font, size = 9): void {
    for (const part of wrapped(writable(font, text), font, size, pageSize[0] - 2 * margin)) {
      if (this.y < margin + lineHeight) this.page = this.newPage();
      this.page.drawText(part, { x: margin, y: this.y, size, font });
      this.y -= size > 10 ? lineHeight + 4 : lineHeight;
    }
  }

  gap(): void {
    this.y -= lineHeight / 2;
  }

  /** A new page first when `lines` would not fit on this one: an entry is not cut in two. */
  keepTogether(lines: number): void {
    if (this.y - lines * lineHeight < margin) this.page = this.newPage();
  }

  private newPage(): PDFPage {
    const page = this.pdf.addPage(pageSize);
    this.y = pageSize[1] - margin;
    return page;
  }
}

/** The text with the characters the standard font cannot draw replaced by «?». */
function writable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/\s+/g, ' ')]
    .map((char) => (known.has(char.codePointAt(0)!) ? char : '?'))
    .join('');
}

function wrapped(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
