import { firstDayOfMonth } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { DayCentreServiceCode } from '../catalogue/service-codes.js';
import { tariffInForce } from '../catalogue/tariff-lookup.js';
import { costOfMinutes, percentOf, type Cents } from '../money.js';

/** One month of a day-centre project's attendance sheet, as imported from Gecas. */
export interface AttendanceMonth {
  readonly year: number;
  readonly month: number;
  readonly fullTimeDays: number;
  readonly partTimeDays: number;
  readonly lowAccesses: number;
  readonly mediumAccesses: number;
  readonly highAccesses: number;
  /** Remote educational activity, in minutes. */
  readonly minutes: number;
  readonly meals: number;
}

/** What a day-centre month costs, and who bears it. */
export interface AttendanceCost {
  /** The Comune's share: what its budget pays. */
  readonly municipalityCents: Cents;
  /** The district fund's share (FUD) of the same days. */
  readonly districtFundCents: Cents;
  /** What the provider is paid for the days, where the table states a full rate (CSE, SFA). */
  readonly providerCents: Cents;
}

// Attendance × the daily tariffs split Comune / FUD / total, VAT included (seed l. 3466-3514);
// every month at the tariffs in force on its first day, times the Comune's share of the plan.
export function attendanceCost(
  service: DayCentreServiceCode,
  months: readonly AttendanceMonth[],
  municipalitySharePercent = 100,
  catalogue: Catalogue = defaultCatalogue,
): AttendanceCost {
  let municipality = 0;
  let districtFund = 0;
  let provider = 0;
  for (const month of months) {
    const date = firstDayOfMonth(month.year, month.month);
    const counted: [string, number, 'count' | 'minutes'][] = [
      ['full_time', month.fullTimeDays, 'count'],
      ['part_time', month.partTimeDays, 'count'],
      ['access_low', month.lowAccesses, 'count'],
      ['access_medium', month.mediumAccesses, 'count'],
      ['access_high', month.highAccesses, 'count'],
      ['remote_hour', month.minutes, 'minutes'],
      ['meal', month.meals, 'count'],
    ];
    for (const [variant, quantity, measure] of counted) {
      if (quantity === 0) continue;
      const tariff = tariffInForce(service, variant, date, catalogue.tariffs);
      const shares = tariff.shares ?? {
        municipalityCents: tariff.amountCents,
        districtFundCents: 0,
        totalCents: null,
      };
      const price = (cents: number) =>
        measure === 'minutes' ? costOfMinutes(quantity, cents) : quantity * cents;
      municipality += price(shares.municipalityCents);
      districtFund += price(shares.districtFundCents);
      provider += price(shares.totalCents ?? shares.municipalityCents);
    }
  }
  return {
    municipalityCents: percentOf(municipality, municipalitySharePercent),
    districtFundCents: districtFund,
    providerCents: provider,
  };
}
