import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { projectLedger, type LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import { changeOf, describeChange, profileNamedIn } from '../../domain/projects/project-change.js';
import { emptyRequestDraft } from '../../domain/requests/request-draft.js';

// Seed l. 3430-3433: a change of the operator's qualification changes the SAAP spending, and is
// notified to the Azienda in writing: a variation naming the new profile applies it from its decorrenza.
describe('SAAP: a variation of the operator profile', () => {
  it('reads the profile the change text moves to, the last one named', () => {
    expect(profileNamedIn('Passaggio da educatore professionale a educatore')).toBe('D1');
    expect(profileNamedIn('Sostituzione con operatore ASA/OSS')).toBe('ASA_OSS');
    expect(profileNamedIn('Da D1 a D2 per il secondo quadrimestre')).toBe('D2');
    expect(profileNamedIn('Monte ore annuale aumentato')).toBeNull();
  });

  it('(issue 24, point 5) reads the three SAAP profiles exactly as the tariff sheet names them (l. 3400-3418)', () => {
    expect(profileNamedIn('Passaggio a operatore ASA/OSS (D1)')).toBe('ASA_OSS');
    expect(profileNamedIn('Da educatore (D1) a ASA/OSS (D1)')).toBe('ASA_OSS');
    expect(profileNamedIn('Da ASA/OSS (D1) a educatore professionale (D2)')).toBe('D2');
    expect(profileNamedIn('Da educatore professionale (D2) a educatore (D1)')).toBe('D1');
    expect(profileNamedIn('operatrice OSS D1')).toBe('ASA_OSS');
  });

  const project = {
    startDate: calendarDate('2027-01-11'),
    endDate: calendarDate('2027-06-08'),
    committedBudgetCents: 600_000,
    annualMinutes: 250 * 60,
    operatorProfile: 'D2' as const,
  };
  const variation = (service: 'SAAP' | 'ADM') => {
    const draft = emptyRequestDraft('variation', service);
    return {
      ...draft,
      request: {
        ...draft.request,
        effectiveDate: calendarDate('2027-03-01'),
        change: 'Passaggio da educatore professionale a educatore',
        annualBudgetCents: 580_000,
      },
    };
  };

  it('records the new profile from the decorrenza and tells it in Italian', () => {
    const change = changeOf(variation('SAAP'), project)!;
    expect(change.terms.operatorProfile).toBe('D1');
    expect(change.previous.operatorProfile).toBe('D2');
    expect(describeChange(change)).toContain(
      "profilo dell'operatore: educatore (D1) (in precedenza educatore professionale (D2))",
    );
    expect(changeOf(variation('ADM'), project)!.terms.operatorProfile).toBe('D2');
  });

  it('prices the months before the decorrenza at D2 and those after at D1', () => {
    const ledgerProject: LedgerProject = {
      service: 'SAAP',
      operatorProfile: 'D1',
      upperSecondary: false,
      coPaid: false,
      placedMinor: false,
      committedCents: 580_000,
      budgetChanges: [],
      profileChanges: [
        { effectiveOn: calendarDate('2027-03-01'), operatorProfile: 'D1', previousOperatorProfile: 'D2' },
      ],
      startDate: project.startDate,
      endDate: project.endDate,
      vatRateBasisPoints: 500,
    };
    const month = (m: number): ImportedMonth => ({
      year: 2027,
      month: m,
      minutes: 600,
      festiveMinutes: 0,
      backOfficeMinutes: 0,
    });
    // 10 h × 21,50 € + 5% = 225,75 € (February, D2); 10 h × 20,20 € + 5% = 212,10 € (March, D1).
    expect(projectLedger(ledgerProject, [month(2), month(3)]).spentCents).toBe(22_575 + 21_210);
  });
});
