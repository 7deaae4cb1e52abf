import { describe, expect, it } from 'vitest';
import { tariffInForce } from '../../domain/catalogue/tariff-lookup.js';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { estimateAnnualHourlyCost } from '../../domain/costs/annual-hourly-estimate.js';
import { budgetLedger } from '../../domain/costs/budget-ledger.js';
import { spentOnValidatedHours } from '../../domain/costs/monthly-hours-cost.js';
import { formatEuro, vatOn } from '../../domain/money.js';
import { isAppError } from '../../domain/app-error.js';

const d = (value: string) => calendarDate(value);

describe('annual estimate', () => {
  it('prices 200 h of weekday SAD from 1 March 2027 at € 4.040,00 + 5% IVA = € 4.242,00', () => {
    const estimate = estimateAnnualHourlyCost({
      service: 'SAD',
      annualHours: 200,
      startDate: d('2027-03-01'),
      operatorProfile: null,
      upperSecondary: false,
      coPaid: false,
    });
    expect(estimate).toMatchObject({
      netCents: 404_000,
      vatCents: 20_200,
      grossCents: 424_200,
      municipalityShareCents: 424_200,
    });
  });

  it('cannot price SAAP without a profile', () => {
    expect(
      estimateAnnualHourlyCost({
        service: 'SAAP',
        annualHours: 10,
        startDate: d('2027-09-13'),
        operatorProfile: null,
        upperSecondary: false,
        coPaid: false,
      }),
    ).toBeNull();
  });
});

describe('validated hours', () => {
  it('prices a month of validated hours with festive minutes and the Comune share', () => {
    const spent = spentOnValidatedHours(
      { service: 'SAD', operatorProfile: null, upperSecondary: false, municipalitySharePercent: 100 },
      [{ year: 2027, month: 3, minutes: 600, festiveMinutes: 60, backOfficeMinutes: 0 }],
    );
    expect(spent).toBe(23730); // (10 × 20,20 + 24,00) × 1,05
    const shared = spentOnValidatedHours(
      { service: 'ADM', operatorProfile: null, upperSecondary: false, municipalitySharePercent: 50 },
      [{ year: 2027, month: 3, minutes: 600, festiveMinutes: 0, backOfficeMinutes: 120 }],
    );
    expect(shared).toBe(11813); // 225,00 × 1,05 = 236,25 ÷ 2
  });
});

describe('budget ledger', () => {
  const base = {
    committedCents: 430_000,
    thresholdPercent: 80,
    periodStart: d('2027-03-01'),
    periodEnd: d('2027-12-31'),
  };

  it('computes remaining, share used and the 80% threshold', () => {
    expect(budgetLedger({ ...base, spentCents: 343_999, spentThrough: d('2027-09-30') })).toMatchObject({
      remainingCents: 86_001,
      shareUsedBasisPoints: 8000,
      thresholdReached: false,
    });
    expect(
      budgetLedger({ ...base, spentCents: 344_000, spentThrough: d('2027-09-30') }).thresholdReached,
    ).toBe(true);
  });

  it('projects the spending to the end of the period', () => {
    const ledger = budgetLedger({ ...base, spentCents: 153_000, spentThrough: d('2027-05-31') }); // 92 of 306 days
    expect(ledger.projectedCents).toBe(508_891);
    expect(ledger.projectedOverrun).toBe(true);
    expect(budgetLedger({ ...base, spentCents: 0, spentThrough: null }).projectedCents).toBeNull();
  });

  it('goes negative when spending exceeds the commitment', () => {
    expect(budgetLedger({ ...base, spentCents: 440_000, spentThrough: d('2027-12-31') }).remainingCents).toBe(
      -10_000,
    );
  });
});

describe('money', () => {
  it('formats euros the Italian way', () => {
    expect(formatEuro(123_450)).toBe('1.234,50\u00a0€');
    expect(formatEuro(424_200)).toBe('4.242,00\u00a0€');
    expect(formatEuro(5)).toBe('0,05\u00a0€');
  });

  it('rounds IVA half up to the cent', () => {
    expect(vatOn(10, 500)).toBe(1); // 0,5 cent → 1
    expect(vatOn(9, 500)).toBe(0);
  });

  it('keeps AppError codes stable', () => {
    try {
      tariffInForce('SAD', 'weekday', d('2020-05-04'));
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'tariff_not_found')).toBe(true);
    }
  });
});
