import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';

const project = (service: string, startDate: string): LedgerProject => ({
  service,
  operatorProfile: service === 'SAAP' ? 'D1' : null,
  upperSecondary: false,
  coPaid: false,
  placedMinor: false,
  committedCents: 500_000,
  budgetChanges: [],
  startDate: calendarDate(startDate),
  endDate: null,
  vatRateBasisPoints: 500,
});

describe('the period of a plan without an end date (issue 14, point 3)', () => {
  it.each([
    ['SAAP started in September', 'SAAP', '2026-09-15', '2027-08-31'],
    ['SAAP started in February', 'SAAP', '2027-02-01', '2027-08-31'],
    ['SAD, by calendar year', 'SAD', '2027-02-01', '2027-12-31'],
  ])('%s ends on the right day', (_case, service, start, end) => {
    expect(projectLedger(project(service, start), []).periodEnd).toBe(end);
  });
});

describe('the budget a ledger compares spending with (issue 14, point 1; seed l. 492-504)', () => {
  const varied: LedgerProject = {
    ...project('SAD', '2027-01-01'),
    committedCents: 600_000,
    budgetChanges: [
      {
        effectiveOn: calendarDate('2027-06-01'),
        committedBudgetCents: 600_000,
        previousCommittedBudgetCents: 500_000,
      },
    ],
  };

  it('is the budget in force on the day asked, and says since when a variation brought it', () => {
    expect(projectLedger(varied, [], undefined, calendarDate('2027-05-31'))).toMatchObject({
      committedCents: 500_000,
      budgetChangedOn: null,
    });
    expect(projectLedger(varied, [], undefined, calendarDate('2027-06-01'))).toMatchObject({
      committedCents: 600_000,
      budgetChangedOn: '2027-06-01',
    });
  });
});

describe('the spending of a placed minor SIP (seed l. 3300-3304)', () => {
  it('counts the Comune half of the validated hours', () => {
    const months = [{ year: 2027, month: 3, minutes: 600, festiveMinutes: 0, backOfficeMinutes: 0 }];
    const sip = { ...project('SIP', '2027-01-01'), placedMinor: false };
    const full = projectLedger(sip, months).spentCents;
    expect(projectLedger({ ...sip, placedMinor: true }, months).spentCents).toBe(Math.round(full / 2));
  });
});
