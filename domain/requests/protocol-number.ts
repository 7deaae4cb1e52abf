/** The number a request is registered under: `2027/0000123` is number 123 of 2027. */
export interface ProtocolNumber {
  readonly year: number;
  readonly number: number;
  readonly text: string;
}

// DPR 445/2000 art. 57: the protocol number has at least seven digits and restarts each year.
const protocolDigits = 7;

/** Number `number` of `year` as the office writes it: `2027/0000123`. */
export function protocolNumber(year: number, number: number): ProtocolNumber {
  return { year, number, text: `${year}/${String(number).padStart(protocolDigits, '0')}` };
}

// The written form: four digits of the year, a slash, seven of the number (six before 2026-12-07:
// numbers quoted in older mail and links are still read, in their written form).
const writtenProtocol = /^(\d{4})\/(\d{6,7})$/;
// As people type it in a question: «2027/123», «2027-0000123».
const typedProtocol = /\b(\d{4})\s*[/-]\s*(\d{1,7})\b/;

/** Whether a value is a request's number as Sportello writes it (`2027/0000123`). */
export function isProtocolText(value: unknown): value is string {
  return typeof value === 'string' && writtenProtocol.test(value);
}

/** The first request number typed in a text («2027/123»), in its written form; null when there is none. */
export function protocolTypedIn(text: string): string | null {
  const match = typedProtocol.exec(text);
  return match ? protocolNumber(Number(match[1]), Number(match[2])).text : null;
}

/** A written number in today's form (`2027/000123` → `2027/0000123`); null when `text` is none. */
export function currentProtocolText(text: string): string | null {
  const match = writtenProtocol.exec(text.trim());
  return match ? protocolNumber(Number(match[1]), Number(match[2])).text : null;
}
