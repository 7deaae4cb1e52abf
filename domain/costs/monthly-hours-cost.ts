import { AppError } from '../app-error.js';
import { firstDayOfMonth } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { HourlyServiceCode, OperatorProfile } from '../catalogue/service-codes.js';
import { parametersInForce, tariffInForce } from '../catalogue/tariff-lookup.js';
import { costOfMinutes, percentOf, withVat, type Cents } from '../money.js';
import { hourlyTariffVariant } from './annual-hourly-estimate.js';
import type { AttendanceMonth } from './day-centre-cost.js';

/** Validated minutes of one project in one month, as imported from Gecas. */
export interface ValidatedMonth {
  readonly year: number;
  readonly month: number;
  /** Billable minutes at the ordinary tariff (already rounded per delivery by Gecas). */
  readonly minutes: number;
  /** Billable minutes on Sundays and national holidays (SAD/SADH festive tariff). */
  readonly festiveMinutes: number;
  /** Back-office minutes: logged, never billed. */
  readonly backOfficeMinutes: number;
}

/** A month as Gecas exports it: hours for the hourly services, attendance for the day centres. */
export type ImportedMonth = ValidatedMonth & Partial<Omit<AttendanceMonth, 'year' | 'month' | 'minutes'>>;

/** The attendance of an imported month (nothing counted where the export had no such column). */
export function attendanceOf(month: ImportedMonth): AttendanceMonth {
  return {
    year: month.year,
    month: month.month,
    minutes: month.minutes,
    fullTimeDays: month.fullTimeDays ?? 0,
    partTimeDays: month.partTimeDays ?? 0,
    lowAccesses: month.lowAccesses ?? 0,
    mediumAccesses: month.mediumAccesses ?? 0,
    highAccesses: month.highAccesses ?? 0,
    meals: month.meals ?? 0,
  };
}

export interface HourlyProjectTerms {
  readonly service: HourlyServiceCode;
  readonly operatorProfile: OperatorProfile | null;
  readonly upperSecondary: boolean;
  /** Percent of the cost charged to this Comune (50 when a second Comune shares it). */
  readonly municipalitySharePercent: number;
  readonly vatRateBasisPoints?: number | null;
}

/**
 * What the validated hours of a project cost the Comune: each month at the tariff in force on its
 * first day, festive minutes at the festive tariff, back office excluded, plus IVA, times the
 * Comune's share.
 */
export function spentOnValidatedHours(
  terms: HourlyProjectTerms,
  months: readonly ValidatedMonth[],
  catalogue: Catalogue = defaultCatalogue,
): Cents {
  let total = 0;
  for (const month of months) {
    const date = firstDayOfMonth(month.year, month.month);
    const variant = hourlyTariffVariant(terms);
    if (variant === null) {
      throw new AppError('invalid_input', 'SAAP project without operator profile', {
        userMessage: "Il progetto SAAP non indica il profilo dell'operatore: impossibile calcolare la spesa.",
      });
    }
    let net = costOfMinutes(
      month.minutes,
      tariffInForce(terms.service, variant, date, catalogue.tariffs).amountCents,
    );
    if (month.festiveMinutes > 0) {
      const festive = catalogue.tariffs.some(
        (entry) => entry.service === terms.service && entry.variant === 'festive',
      )
        ? tariffInForce(terms.service, 'festive', date, catalogue.tariffs)
        : tariffInForce(terms.service, variant, date, catalogue.tariffs);
      net += costOfMinutes(month.festiveMinutes, festive.amountCents);
    }
    const vat =
      terms.vatRateBasisPoints ?? parametersInForce(date, catalogue.parameters).defaultVatRateBasisPoints;
    total += withVat(net, vat);
  }
  return percentOf(total, terms.municipalitySharePercent);
}
