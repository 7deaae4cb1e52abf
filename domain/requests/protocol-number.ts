/** The number a request is registered under: `2027/000123` is number 123 of 2027. */
export interface ProtocolNumber {
  readonly year: number;
  readonly number: number;
  readonly text: string;
}

/** Number `number` of `year` as the office writes it: `2027/000123`. */
export function protocolNumber(year: number, number: number): ProtocolNumber {
  return { year, number, text: `${year}/${String(number).padStart(6, '0')}` };
}
