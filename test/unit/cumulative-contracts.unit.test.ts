import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import {
  planForecastContinuation,
  type ContinuingProject,
} from '../../domain/forecasts/cumulative-contracts.js';
import { cumulativeContractReminders } from '../../services/forecasts/cumulative-contract-steps.js';

const girasole = { id: 'provider-girasole', name: 'Coop. Sociale Il Girasole' };
const koala = { id: 'provider-koala', name: 'Coop. Koala' };
const project = (
  projectId: string,
  taxCode: string,
  service: string,
  provider: ContinuingProject['provider'],
  municipalityId = '019035',
): ContinuingProject => ({
  projectId,
  taxCode,
  service,
  municipalityId,
  provider,
  operatorProfile: null,
  upperSecondary: false,
  placedMinor: false,
  coPaid: false,
  vatRateBasisPoints: null,
});

const running = [
  project('p1', 'BNCMRA50D43D142D', 'SAD', girasole),
  project('p2', 'SLANDR94S05C153V', 'SAD', girasole),
  project('p3', 'FRRLCU15H12G004O', 'SAD', koala),
  project('p4', 'CNTGLI11P70D142W', 'SAD', null),
  // SADH goes with SAD in one forecast and one contract (seed l. 351).
  project('p6', 'RSSGNN46B11D142B', 'SADH', girasole),
  // Another Comune's project: its forecast is not Crema's to send.
  project('p5', 'RSSLRA80A41D142P', 'SAD', girasole, '019001'),
];
const listed = running.map((entry) => entry.taxCode);

describe('the cumulative contracts a forecast leads to', () => {
  it('seed l. 353-371: one per provider within 10 days, returned in 5 working days, fase D by 31 December', () => {
    const plan = planForecastContinuation(
      { service: 'SAD', taxCodes: listed },
      '019035',
      running,
      calendarDate('2026-11-20'),
    );
    expect(plan.matched.map((entry) => entry.projectId)).toEqual(['p1', 'p2', 'p3', 'p4', 'p6']);
    expect(plan.withoutProvider).toBe(1);
    expect(plan.contracts).toEqual([
      {
        provider: girasole,
        service: 'SAD',
        projectIds: ['p1', 'p2', 'p6'],
        dueOn: '2026-11-30',
        returnWorkingDays: 5,
        phaseDDueOn: '2026-12-31',
      },
      {
        provider: koala,
        service: 'SAD',
        projectIds: ['p3'],
        dueOn: '2026-11-30',
        returnWorkingDays: 5,
        phaseDDueOn: '2026-12-31',
      },
    ]);
  });

  it('seed l. 1831-1851: SAAP fase D by the start of the school year, never before the contracts can be back', () => {
    const saap = [project('s1', 'FRRLCU15H12G004O', 'SAAP', koala)];
    const onTime = planForecastContinuation(
      { service: 'SAAP', taxCodes: ['FRRLCU15H12G004O'] },
      '019035',
      saap,
      calendarDate('2027-07-20'),
    );
    expect(onTime.contracts[0]).toMatchObject({ dueOn: '2027-07-30', phaseDDueOn: '2027-09-01' });
    // Late (seed l. 1821-1822): received 10 September, sent by 20 September (a Monday), back by the
    // 5th working day after it, which is when the fase D can be entered at the earliest.
    const late = planForecastContinuation(
      { service: 'SAAP', taxCodes: ['FRRLCU15H12G004O'] },
      '019035',
      saap,
      calendarDate('2027-09-10'),
    );
    expect(late.contracts[0]).toMatchObject({ dueOn: '2027-09-20', phaseDDueOn: '2027-09-27' });
  });

  it('a forecast naming no single service covers each service of its projects with its own terms', () => {
    const plan = planForecastContinuation(
      { service: null, taxCodes: ['BNCMRA50D43D142D', 'FRRLCU15H12G004O'] },
      '019035',
      [project('a', 'BNCMRA50D43D142D', 'ADM', girasole), project('b', 'FRRLCU15H12G004O', 'SAD', girasole)],
      calendarDate('2026-11-25'),
    );
    expect(plan.contracts.map((contract) => [contract.service, contract.dueOn])).toEqual([
      ['ADM', '2026-12-05'],
      ['SAD', '2026-12-05'],
    ]);
  });

  it('reminds staff at 9 (Rome) the morning after the due date and a week before the fase D deadline', () => {
    const [due, phaseD] = cumulativeContractReminders('c1', {
      dueOn: calendarDate('2026-11-30'),
      phaseDDueOn: calendarDate('2026-12-31'),
    });
    expect(due).toMatchObject({ kind: 'cumulative_contract_due', payload: { cumulativeContractId: 'c1' } });
    expect(due!.dueAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(phaseD!.kind).toBe('cumulative_phase_d');
    expect(phaseD!.dueAt.toISOString()).toBe('2026-12-24T08:00:00.000Z');
  });
});
