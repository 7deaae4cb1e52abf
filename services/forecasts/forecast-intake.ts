import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import type { ContinuingProject } from '../../domain/forecasts/cumulative-contracts.js';
import { checkForecastLine, type ForecastLineCheck } from '../../domain/forecasts/forecast-line-check.js';
import { forecastPeriod } from '../../domain/forecasts/forecast-period.js';
import type { SpendingForecast } from '../../domain/forecasts/spending-forecast.js';
import { formatEuro } from '../../domain/money.js';
import { minutesOfHours, type NewForecast } from './forecast-records.js';

/**
 * A Comune's forecast as it is recorded: each row with the running project it continues (the
 * Comune's own, of the forecast's service family when it names one) and the check of its figures.
 */
export function forecastRecord(
  id: string,
  municipalityId: string,
  forecast: SpendingForecast,
  matched: readonly ContinuingProject[],
  receivedOn: CalendarDate,
): { forecast: NewForecast; checks: readonly ForecastLineCheck[] } {
  const service = forecast.service && isServiceCode(forecast.service) ? forecast.service : null;
  const period = forecastPeriod(service, receivedOn);
  const checks: ForecastLineCheck[] = [];
  const lines = forecast.lines.map((line) => {
    const project = matched.find((candidate) => candidate.taxCode === line.taxCode) ?? null;
    checks.push(checkForecastLine(line, project, period));
    return {
      taxCode: line.taxCode,
      continuedProjectId: project?.projectId ?? null,
      annualMinutes: minutesOfHours(line.annualHours),
      festiveMinutes: minutesOfHours(line.festiveHours),
      budgetCents: line.budgetCents,
    };
  });
  return { forecast: { id, municipalityId, service, receivedOn, period, lines }, checks };
}

/**
 * What the Comune is told of its forecast's rows: that it came late (seed l. 341; SAAP l. 1811,
 * 1820-1821), and each row whose budget does not cover its hours or that lacks them.
 */
export function forecastRemarks(forecast: NewForecast, checks: readonly ForecastLineCheck[]): string[] {
  const remarks: string[] = [];
  if (forecast.period.late)
    remarks.push(
      `La previsione è pervenuta dopo il termine del ${formatLongItalianDate(forecast.period.dueBy)}: la continuità del servizio dal ${formatLongItalianDate(forecast.period.from)} potrebbe non essere garantita.`,
    );
  const rows = forecast.lines.flatMap((line, index) => {
    const check = checks[index];
    if (check?.status === 'budget_short')
      return [
        `${line.taxCode}: il budget di ${formatEuro(line.budgetCents ?? 0)} non copre le ore indicate (costo stimato ${formatEuro(check.estimateCents ?? 0)}, IVA inclusa)`,
      ];
    if (check?.status === 'hours_missing') return [`${line.taxCode}: non sono indicate le ore annue`];
    return [];
  });
  if (rows.length > 0)
    remarks.push(
      `Vi chiediamo di verificare queste righe del prospetto e di inviarci le correzioni: ${rows.join('; ')}.`,
    );
  return remarks;
}
