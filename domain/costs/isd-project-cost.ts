import { AppError } from '../app-error.js';
import type { CalendarDate } from '../calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { serviceDefinition } from '../catalogue/services.js';
import { parametersInForce, tariffInForce } from '../catalogue/tariff-lookup.js';
import { percentOf, type Cents } from '../money.js';

/** An ISD project's value and the Comune's 20% share (disciplinare, schede economiche ISD). */
export function isdProjectCost(
  profile: number,
  weeks: number,
  startDate: CalendarDate,
  catalogue: Catalogue = defaultCatalogue,
): { totalCents: Cents; municipalityShareCents: Cents; weeklyCents: Cents } {
  const parameters = parametersInForce(startDate, catalogue.parameters);
  if (!Number.isInteger(weeks) || weeks < parameters.isdMinWeeks || weeks > parameters.isdMaxWeeks) {
    throw new AppError('invalid_input', `ISD length out of range: ${weeks} weeks`, {
      userMessage: `Un progetto ISD dura da ${parameters.isdMinWeeks} a ${parameters.isdMaxWeeks} settimane.`,
    });
  }
  const weekly = tariffInForce('ISD', `profile_${profile}`, startDate, catalogue.tariffs).amountCents;
  const totalCents = weekly * weeks;
  const sharePercent = serviceDefinition('ISD', catalogue.services).municipalitySharePercent;
  return { totalCents, municipalityShareCents: percentOf(totalCents, sharePercent), weeklyCents: weekly };
}
