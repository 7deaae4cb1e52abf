import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { estimateAnnualHourlyCost } from '../../domain/costs/annual-hourly-estimate.js';
import { budgetLedger } from '../../domain/costs/budget-ledger.js';
import { shareBetweenMunicipalities } from '../../domain/costs/cost-sharing.js';
import {
  districtAbatement,
  fosterCareMonthlyContribution,
} from '../../domain/costs/foster-care-contribution.js';
import { billableMinutes, deliveryNetCost } from '../../domain/costs/hourly-delivery-cost.js';
import { isdProjectCost } from '../../domain/costs/isd-project-cost.js';
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

describe('hourly deliveries', () => {
  it.each([
    ['SAD', 20, 30], // minimum unit 30 minutes
    ['SAD', 30, 30],
    ['SAD', 44, 30],
    ['SAD', 50, 45],
    ['SAD', 70, 60],
    ['ADM', 50, 45],
    ['ADM', 10, 0], // no minimum outside SAD/SADH
    ['SIP', 89, 75],
    ['SAAP', 0, 0],
  ] as const)('%s: %i minutes bill as %i', (service, minutes, billed) => {
    expect(billableMinutes(service, minutes)).toBe(billed);
  });

  it('applies the festive SAD tariff on Sundays and national holidays only', () => {
    const delivery = (date: string) => deliveryNetCost({ service: 'SAD', date: d(date), minutes: 60 });
    expect(delivery('2027-03-06')).toBe(2020); // Saturday
    expect(delivery('2027-03-07')).toBe(2400); // Sunday
    expect(delivery('2027-03-29')).toBe(2400); // Easter Monday
    expect(delivery('2028-01-31')).toBe(2020); // patron day of Crema
  });

  it('never bills back-office hours and uses the SAAP profile rate', () => {
    expect(deliveryNetCost({ service: 'ADM', date: d('2027-03-31'), minutes: 120, backOffice: true })).toBe(
      0,
    );
    expect(
      deliveryNetCost({ service: 'SAAP', date: d('2027-10-04'), minutes: 90, operatorProfile: 'D2' }),
    ).toBe(3225);
  });

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

describe('sharing, ISD, foster care', () => {
  it('splits 50/50 leaving the odd cent to the Comune of residence', () => {
    expect(shareBetweenMunicipalities(354_375, 50)).toEqual({
      residenceCents: 177_187,
      secondCents: 177_188,
    });
  });

  it('prices ISD per week and charges the Comune 20%', () => {
    expect(isdProjectCost(2, 3, d('2027-05-03'))).toEqual({
      totalCents: 36_000,
      municipalityShareCents: 7_200,
      weeklyCents: 12_000,
    });
    expect(isdProjectCost(6, 6, d('2027-05-03')).totalCents).toBe(168_000);
  });

  it.each([2, 7, 3.5])('refuses an ISD project of %s weeks', (weeks) => {
    expect(() => isdProjectCost(1, weeks, d('2027-05-03'))).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('pro-rates foster-care contributions by days and adds 20% when due', () => {
    const full = { kind: 'full_time' as const, from: d('2027-01-01'), to: null, increment: false };
    expect(fosterCareMonthlyContribution(full, 2027, 4)).toBe(40_000);
    expect(fosterCareMonthlyContribution({ ...full, from: d('2027-04-16') }, 2027, 4)).toBe(20_000); // 15 of 30 days
    expect(fosterCareMonthlyContribution({ ...full, to: d('2027-02-14') }, 2027, 2)).toBe(20_000); // 14 of 28 days
    expect(fosterCareMonthlyContribution({ ...full, increment: true }, 2027, 4)).toBe(48_000);
    expect(fosterCareMonthlyContribution({ ...full, to: d('2027-03-31') }, 2027, 4)).toBe(0);
    expect(
      fosterCareMonthlyContribution(
        { kind: 'part_time_weekday', from: d('2027-01-01'), to: null, increment: false, partTimeDays: 9 },
        2027,
        4,
      ),
    ).toBe(13_500);
  });

  it('abates 50% with district funds, capped at € 200 a month for foster care, never for a parent', () => {
    expect(districtAbatement('foster_care', 40_000, d('2027-04-01'))).toEqual({
      abatementCents: 20_000,
      municipalityCents: 20_000,
    });
    expect(districtAbatement('foster_care', 50_000, d('2027-04-01'))).toEqual({
      abatementCents: 20_000,
      municipalityCents: 30_000,
    });
    expect(districtAbatement('placement', 180_000, d('2027-04-01'))).toEqual({
      abatementCents: 90_000,
      municipalityCents: 90_000,
    });
    expect(districtAbatement('parent_placement', 180_000, d('2027-04-01'))).toEqual({
      abatementCents: 0,
      municipalityCents: 180_000,
    });
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
      isdProjectCost(9, 3, d('2027-05-03'));
    } catch (error) {
      expect(isAppError(error, 'tariff_not_found')).toBe(true);
    }
  });
});
