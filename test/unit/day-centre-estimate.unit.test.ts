import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { estimateDayCentreCost } from '../../domain/costs/day-centre-estimate.js';
import { checksPassed } from '../../domain/rules/checks-passed.js';
import { dayCentreBudgetNotice, dayCentreEstimate } from '../../domain/rules/day-centre-budget.js';
import { dayCentreEntry } from '../domain/draft-fixtures.js';

// Seed l. 3466-3530: CSE 32,00 € a full day and 16,00 € a part-time day for the Comune; l. 4198 the
// entry form says full time, horizontal or vertical part time (with its weekdays).
describe("a day-centre entry's budget", () => {
  const march = {
    service: 'CSE' as const,
    startDate: calendarDate('2027-03-01'),
    endDate: calendarDate('2027-03-31'),
  };

  it('counts the working days of the period by the attendance, at the daily quota', () => {
    // March 2027: 23 weekdays, less Easter Monday (29 March).
    expect(
      estimateDayCentreCost({ ...march, attendance: { type: 'full_time', weekdays: [], text: '' } }),
    ).toMatchObject({
      fullTimeDays: 22,
      partTimeDays: 0,
      municipalityCents: 22 * 3_200,
    });
    expect(
      estimateDayCentreCost({
        ...march,
        attendance: { type: 'part_time_horizontal', weekdays: [], text: '' },
      }),
    ).toMatchObject({ fullTimeDays: 0, partTimeDays: 22, municipalityCents: 22 * 1_600 });
    // Mondays and Wednesdays of March 2027: 1, 3, 8, 10, 15, 17, 22, 24, 31 (29 is Easter Monday).
    expect(
      estimateDayCentreCost({
        ...march,
        attendance: { type: 'part_time_vertical', weekdays: [1, 3], text: '' },
      }),
    ).toMatchObject({ fullTimeDays: 9, municipalityCents: 9 * 3_200 });
  });

  it('gives staff the estimate and, when the budget is short, a notice; never a problem for the Comune', () => {
    const entry = dayCentreEntry(); // full time from 1 February 2027, 5.500,00 €
    const estimate = dayCentreEstimate(entry, { receivedOn: calendarDate('2027-01-20') })!;
    expect(estimate.to).toBe('2027-12-31');
    expect(estimate.municipalityCents).toBeGreaterThan(550_000);
    expect(dayCentreBudgetNotice(entry, { receivedOn: calendarDate('2027-01-20') })).toContain(
      'è inferiore al costo stimato della frequenza',
    );
    const covered = dayCentreEntry({ request: { annualBudgetCents: 900_000 } });
    expect(dayCentreBudgetNotice(covered, { receivedOn: calendarDate('2027-01-20') })).toBeNull();
    expect(checksPassed(covered, { receivedOn: calendarDate('2027-01-20') }).join('\n')).toContain(
      'Budget sufficiente per la frequenza stimata',
    );
  });
});
