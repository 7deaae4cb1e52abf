import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { dutiesDueBetween } from '../../domain/schedule/calendar-duties.js';

// The forecast reminders of a year (disciplinare, Progetti in continuità FASE 1): the Comuni are
// asked a month before each deadline, the agency's own proposal two weeks before its own, each on
// a working day.
describe('forecast reminders of 2027', () => {
  const forecasts = dutiesDueBetween(calendarDate('2027-01-01'), calendarDate('2027-12-31')).filter(
    (duty) => duty.kind === 'forecast_request' || duty.kind === 'forecast_proposal',
  );

  it('asks the Comuni a month before each deadline, for the services due then', () => {
    const requests = forecasts.filter((duty) => duty.kind === 'forecast_request');
    expect(requests.map(({ deadline, dueOn }) => [deadline, dueOn])).toEqual([
      ['2027-07-30', '2027-06-30'],
      // 31 October is a Sunday and 1 November a holiday.
      ['2027-11-30', '2027-11-02'],
    ]);
    expect(requests[0]!.services).toEqual(['SAAP']);
    expect(requests[1]!.services).toContain('SAD');
    expect(requests[1]!.services).not.toContain('SAAP');
  });

  it('reminds the agency of its own proposal two weeks before, on a working day', () => {
    const proposals = forecasts.filter((duty) => duty.kind === 'forecast_proposal');
    expect(proposals).toEqual([
      {
        kind: 'forecast_proposal',
        period: '2027-11-15',
        dueOn: '2027-11-02',
        lastUsefulOn: '2027-11-15',
        deadline: '2027-11-15',
        services: ['CENTRO_DIURNO_MINORI', 'FOSTER_CARE'],
      },
    ]);
  });
});
