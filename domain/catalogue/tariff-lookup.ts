import { AppError } from '../app-error.js';
import { isWithin, type CalendarDate } from '../calendar/calendar-date.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import { economicParameters, type EconomicParameters } from './economic-parameters.js';
import type { ServiceCode } from './service-codes.js';
import { tariffEntries, type TariffEntry } from './tariffs.js';

/** The tariff of `service`/`variant` in force on `date`; throws `tariff_not_found` when there is none. */
export function tariffInForce(
  service: ServiceCode,
  variant: string,
  date: CalendarDate,
  tariffs: readonly TariffEntry[] = tariffEntries,
): TariffEntry {
  const tariff = tariffs.find(
    (entry) =>
      entry.service === service &&
      entry.variant === variant &&
      isWithin(date, entry.validFrom, entry.validTo),
  );
  if (!tariff) {
    throw new AppError('tariff_not_found', `No ${service}/${variant} tariff on ${date}`, {
      userMessage: `Non è presente una tariffa ${service} (${variant}) in vigore il ${formatShortItalianDate(date)}: verificare le schede economiche.`,
      details: { service, variant, date },
    });
  }
  return tariff;
}

/** The economic parameters in force on `date`. */
export function parametersInForce(
  date: CalendarDate,
  parameters: readonly EconomicParameters[] = economicParameters,
): EconomicParameters {
  const found = parameters.find((entry) => isWithin(date, entry.validFrom, entry.validTo));
  if (!found) throw new AppError('tariff_not_found', `No economic parameters in force on ${date}`);
  return found;
}
