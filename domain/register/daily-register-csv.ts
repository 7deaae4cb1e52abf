import type { CalendarDate } from '../calendar/calendar-date.js';
import { romeTimeOf } from '../calendar/rome-instant.js';
import { entryDescription, type RegisterEntry } from './register-entry.js';

// AgID Linee guida 2021, § 3.1.6: the daily register lists the day's entries with their number,
// date, sender, subject and impronta; it goes to conservation by the next working day.
const header = [
  'numero',
  'data_registrazione',
  'ora_registrazione',
  'mittente',
  'comune',
  'oggetto',
  'tipo',
  'impronta_messaggio_sha256',
  'allegati',
];

/** The day's register as CSV (semicolons, every field quoted, UTF-8 with BOM for spreadsheet programs). */
export function dailyRegisterCsv(day: CalendarDate, entries: readonly RegisterEntry[]): string {
  const rows = entries.map((entry) => [
    entry.protocol,
    day,
    romeTimeOf(entry.receivedAt),
    entry.sender ?? '',
    entry.senderMunicipality ?? '',
    entry.subject ?? '',
    entryDescription(entry),
    entry.message?.sha256 ?? '',
    entry.attachments.map((file) => `${file.fileName} sha256:${file.sha256}`).join(' | '),
  ]);
  const lines = [header, ...rows].map((row) => row.map(quoted).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A CSV field, quoted; a leading formula character is neutralised (spreadsheet injection). */
function quoted(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
