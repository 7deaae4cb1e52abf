import { describe, expect, it } from 'vitest';
import { attendanceCost, type AttendanceMonth } from '../../domain/costs/day-centre-cost.js';

const month = (counts: Partial<AttendanceMonth>): AttendanceMonth => ({
  year: 2026,
  month: 3,
  fullTimeDays: 0,
  partTimeDays: 0,
  lowAccesses: 0,
  mediumAccesses: 0,
  highAccesses: 0,
  minutes: 0,
  meals: 0,
  ...counts,
});

describe('day-centre attendance cost (seed l. 3466-3514)', () => {
  it('CDD: the Comune pays 33,00 € a full day and 16,50 € a part-time day; 1,00 / 0,50 € go to the FUD', () => {
    expect(attendanceCost('CDD', [month({ fullTimeDays: 20, partTimeDays: 2 })])).toEqual({
      municipalityCents: 20 * 3300 + 2 * 1650,
      districtFundCents: 20 * 100 + 2 * 50,
      providerCents: 20 * 3300 + 2 * 1650,
    });
  });

  it('CSE: 32,00 € Comune + 21,00 € FUD = 53,00 € a full day; accesses 27 + 18 = 45 €', () => {
    expect(attendanceCost('CSE', [month({ fullTimeDays: 10, lowAccesses: 2 })])).toEqual({
      municipalityCents: 10 * 3200 + 2 * 2700,
      districtFundCents: 10 * 2100 + 2 * 1800,
      providerCents: 10 * 5300 + 2 * 4500,
    });
  });

  it('SFA: 28,50 € Comune + 0,50 € FUD = 29,00 € a full day; remote hours at 20,09 € by the minute', () => {
    const cost = attendanceCost('SFA', [
      month({ fullTimeDays: 4, minutes: 90 }),
      month({ month: 4, meals: 3 }),
    ]);
    expect(cost.municipalityCents).toBe(4 * 2850 + 3014 + 3 * 500); // 1,5 h × 20,09 = 30,135 → 30,14
    expect(cost.districtFundCents).toBe(4 * 50 + 150);
    expect(cost.providerCents).toBe(4 * 2900 + 3164 + 3 * 500);
  });

  it('a second Comune sharing the plan pays its share of the Comune quota only', () => {
    expect(attendanceCost('CSE', [month({ fullTimeDays: 10 })], 50).municipalityCents).toBe(16_000);
  });

  it('refuses high-intensity accesses at an SFA, whose table has none', () => {
    expect(() => attendanceCost('SFA', [month({ highAccesses: 1 })])).toThrow(/SFA/);
  });
});
