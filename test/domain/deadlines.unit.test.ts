import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import {
  contractDispatchDue,
  contractReturnDue,
  faseDDue,
  isdStartDates,
} from '../../domain/deadlines/contract-deadlines.js';
import { procedureConclusionDate } from '../../domain/deadlines/legal-term.js';
import { requestDeadlines } from '../../domain/deadlines/request-deadlines.js';
import { forecastDeadlines, quarterlySummaryDates } from '../../domain/deadlines/yearly-deadlines.js';

const d = (value: string) => calendarDate(value);

describe('contract deadlines', () => {
  it.each([
    ['SAD', '2025-12-24', '2026-01-05'], // skips 25–26 December and 1 January
    ['SAD', '2027-02-10', '2027-02-17'],
    ['CSE', '2027-01-20', '2027-02-03'], // 10 working days
    ['ISD', '2027-03-26', '2027-03-31'], // 2 working days over Easter Monday
    ['VOUCHER_FNA', '2027-01-20', null],
  ] as const)('%s received %s: contract to the provider by %s', (service, received, due) => {
    expect(contractDispatchDue(service, d(received))).toBe(due);
  });

  it.each([
    ['SAD', '2026-01-05', '2026-01-08'], // 6 January is a holiday
    ['CDD', '2027-02-03', '2027-02-10'],
    ['QSFP', '2027-02-03', '2027-02-10'],
    ['ISD', '2027-02-03', null], // "tempestivamente": no fixed term
  ] as const)('%s sent %s: signed back by %s', (service, sent, due) => {
    expect(contractReturnDue(service, d(sent))).toBe(due);
  });

  it('gives 7 days for fase D', () => {
    expect(faseDDue('SAD', d('2026-01-08'))).toBe('2026-01-15');
    expect(faseDDue('CSE', d('2026-01-08'))).toBeNull();
  });

  it('starts ISD the day after signing and convenes the micro-team within 10 days', () => {
    expect(isdStartDates(d('2027-03-05'))).toEqual({ start: '2027-03-06', microTeamBy: '2027-03-16' });
  });
});

describe('legal term of the procedure', () => {
  it('counts calendar days and moves a term ending on a holiday to the next working day', () => {
    expect(procedureConclusionDate(d('2027-02-10'), 15)).toBe('2027-02-25');
    expect(procedureConclusionDate(d('2027-03-14'), 15)).toBe('2027-03-30'); // 29 March is Easter Monday
    expect(procedureConclusionDate(d('2027-02-05'), 15)).toBe('2027-02-22'); // 20 Feb is a Saturday
  });
});

describe('request deadlines', () => {
  it('plans every step of a SAD activation received on 24 December 2025', () => {
    expect(requestDeadlines({ kind: 'activation', service: 'SAD', receivedOn: d('2025-12-24') })).toEqual([
      { id: 'contract_to_provider', dueDate: '2026-01-05', party: 'agency', description: expect.any(String) },
      {
        id: 'procedure_conclusion',
        dueDate: '2026-01-08',
        party: 'agency',
        description: expect.stringContaining('15 giorni'),
      },
      { id: 'contract_return', dueDate: '2026-01-08', party: 'provider', description: expect.any(String) },
      { id: 'fase_d', dueDate: '2026-01-15', party: 'agency', description: expect.any(String) },
    ]);
  });

  it('gives a variation its earliest effective date (received 1 March 2027 → 16 March)', () => {
    const deadlines = requestDeadlines({ kind: 'variation', service: 'SAD', receivedOn: d('2027-03-01') });
    expect(deadlines.find((x) => x.id === 'variation_earliest_effective')?.dueDate).toBe('2027-03-16');
    expect(deadlines.find((x) => x.id === 'contract_to_provider')).toBeUndefined();
  });

  it('gives a day-centre entry 10 + 5 working days', () => {
    const deadlines = requestDeadlines({
      kind: 'day_centre_entry',
      service: 'CSE',
      receivedOn: d('2027-01-20'),
    });
    expect(deadlines.map((x) => [x.id, x.dueDate])).toEqual([
      ['contract_to_provider', '2027-02-03'],
      ['contract_return', '2027-02-10'],
      ['procedure_conclusion', '2027-02-19'],
    ]);
  });
});

describe('yearly deadlines', () => {
  it('sets the forecasts: 30 November, SAAP 30 July, Tutela Minori proposal by 15 November', () => {
    const forecasts = forecastDeadlines(2027);
    expect(forecasts.find((f) => f.service === 'SAD')).toMatchObject({
      municipalityBy: '2027-11-30',
      agencyProposalBy: null,
    });
    expect(forecasts.find((f) => f.service === 'SAAP')).toMatchObject({
      municipalityBy: '2027-07-30',
      period: 'school_year',
    });
    expect(forecasts.find((f) => f.service === 'FOSTER_CARE')).toMatchObject({
      agencyProposalBy: '2027-11-15',
      municipalityBy: '2027-11-30',
    });
    expect(forecasts.find((f) => f.service === 'ISD')).toBeUndefined();
  });

  it('sends the quarterly summary on the first working day after each quarter', () => {
    expect(quarterlySummaryDates(2027).map((q) => q.dueOn)).toEqual([
      '2027-04-01',
      '2027-07-01',
      '2027-10-01',
      '2028-01-03',
    ]);
  });
});
