import { describe, expect, it } from 'vitest';
import { legalReceiptTime } from '../../domain/triage/receipt-time.js';

const delivered = new Date('2027-03-03T11:00:30Z');

describe('the legal time of receipt (issue 13, point 2)', () => {
  it('is the server’s time of receipt without a verified PEC', () => {
    expect(legalReceiptTime(null, delivered)).toEqual(delivered);
  });
  it('is the certified time of a PEC that arrived within its transit time', () => {
    const certified = new Date('2027-03-02T11:00:00Z');
    expect(legalReceiptTime(certified, delivered)).toEqual(certified);
  });
  it.each([
    ['months before its arrival (a replayed envelope)', new Date('2026-12-01T11:00:00Z')],
    ['after its arrival', new Date('2027-03-03T11:10:00Z')],
  ])('is the server’s time when the certified time is %s', (_case, certified) => {
    expect(legalReceiptTime(certified, delivered)).toEqual(delivered);
  });
});
