import {
  addDays,
  monthOf,
  previousMonth,
  yearOf,
  type CalendarDate,
} from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate, formatItalianMonth } from '../../domain/calendar/italian-date-format.js';
import { monthCycle } from '../../domain/deadlines/month-cycle.js';
import { forecastDeadlines } from '../../domain/deadlines/yearly-deadlines.js';
import { serviceDefinition } from '../../domain/catalogue/services.js';
import type { ServiceCode } from '../../domain/catalogue/service-codes.js';

/** "SAD" as staff say it, but "Centro Diurno Minori" rather than its code CENTRO_DIURNO_MINORI. */
const spokenService = (code: ServiceCode) =>
  /^[A-Z]{2,5}$/.test(code) ? code : serviceDefinition(code).name;
import type { Caller, CallerScope } from '../access/caller.js';

/** Contracts with a due date, for the deadlines answer. */
export interface ContractDeadlineLookup {
  contractsDue(
    scope: CallerScope,
    from: CalendarDate,
    to: CalendarDate,
  ): Promise<{ protocol: string; state: string; dueOn: CalendarDate; provider: string | null }[]>;
}

interface Item {
  readonly date: CalendarDate;
  readonly text: string;
}

/** "Scadenze della settimana": the monthly cycle, forecasts and contracts of the coming days, by role. */
export async function answerDeadlines(
  lookup: ContractDeadlineLookup,
  caller: Caller,
  scope: CallerScope,
  today: CalendarDate,
  days: number,
): Promise<string> {
  const until = addDays(today, days);
  const items: Item[] = [];
  const within = (date: CalendarDate | null) => date !== null && date >= today && date <= until;
  for (const offset of [0, 1]) {
    const [serviceYear, serviceMonth] =
      offset === 0 ? previousMonth(yearOf(today), monthOf(today)) : [yearOf(today), monthOf(today)];
    const cycle = monthCycle('gecas_hours', serviceYear, serviceMonth);
    if (!cycle) continue;
    const month = formatItalianMonth(serviceYear, serviceMonth);
    if (caller.role !== 'social_worker' && within(cycle.providerValidationBy)) {
      items.push({
        date: cycle.providerValidationBy!,
        text: `validazione in Gecas delle ore di ${month} da parte degli enti`,
      });
    }
    if (caller.role !== 'provider' && within(cycle.municipalityCheckFrom)) {
      items.push({
        date: cycle.municipalityCheckFrom!,
        text: `inizio del controllo delle ore di ${month} da parte dei Comuni (fino al giorno 20)`,
      });
    }
    if (caller.role !== 'provider' && within(cycle.municipalityCheckTo)) {
      items.push({
        date: cycle.municipalityCheckTo!,
        text: `ultimo giorno per segnalare anomalie sulle ore di ${month}`,
      });
    }
    if (caller.role !== 'social_worker' && within(cycle.invoiceFrom)) {
      items.push({
        date: cycle.invoiceFrom!,
        text: `dal giorno 21 gli enti possono fatturare le ore di ${month}`,
      });
    }
  }
  for (const forecast of [...forecastDeadlines(yearOf(today)), ...forecastDeadlines(yearOf(today) + 1)]) {
    if (caller.role !== 'provider' && within(forecast.municipalityBy)) {
      items.push({
        date: forecast.municipalityBy,
        text: `previsionale di spesa ${spokenService(forecast.service)} per il ${forecast.period === 'school_year' ? 'prossimo anno scolastico' : 'prossimo anno'}`,
      });
    }
  }
  for (const contract of await lookup.contractsDue(scope, today, until)) {
    const text =
      contract.state === 'sent'
        ? `restituzione firmata del contratto della pratica ${contract.protocol}${contract.provider ? ` (${contract.provider})` : ''}`
        : `invio del contratto della pratica ${contract.protocol} all'ente`;
    items.push({ date: contract.dueOn, text });
  }
  const unique = [...new Map(items.map((item) => [`${item.date}|${item.text}`, item])).values()].sort(
    (a, b) => (a.date < b.date ? -1 : 1),
  );
  const period = days <= 7 ? 'nei prossimi 7 giorni' : 'nel prossimo mese';
  if (unique.length === 0) return `Nessuna scadenza ${period}.`;
  return [
    `Scadenze ${period}:`,
    ...unique.map((item) => `• ${formatLongItalianDate(item.date)}: ${item.text}`),
  ].join('\n\n');
}
