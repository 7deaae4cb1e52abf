import { protocolNumber, type ProtocolNumber } from '../../domain/requests/protocol-number.js';

/** Where the next protocol number of a year comes from. */
export interface ProtocolNumberSource {
  nextProtocolNumber(year: number): Promise<number>;
}

/**
 * The next number of each year as this process expects it: read once from the database, then
 * counted here as requests are committed. Another process taking a number first is found at
 * commit (the store answers `number_taken` with the next free one), and the request is decided
 * again under that number, so that what the notice says and what is recorded always agree.
 */
export class ProtocolNumbering {
  private readonly next = new Map<number, Promise<number>>();

  constructor(private readonly source: ProtocolNumberSource) {}

  expected(year: number): Promise<ProtocolNumber> {
    let next = this.next.get(year);
    if (!next) {
      next = this.source.nextProtocolNumber(year);
      next.catch(() => this.next.delete(year));
      this.next.set(year, next);
    }
    return next.then((number) => protocolNumber(year, number));
  }

  /** `number` was just given: the next one follows it. */
  used(year: number, number: number): void {
    this.next.set(year, Promise.resolve(number + 1));
  }

  /** The database said the expected number is taken and `next` is free. */
  taken(year: number, next: number): void {
    this.next.set(year, Promise.resolve(next));
  }
}
