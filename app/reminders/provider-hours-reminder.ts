import { lastDayOfMonth, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatItalianMonth, formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { monthCycle } from '../../domain/deadlines/month-cycle.js';

/** What the monthly reminder to a provider needs from the database. */
export interface ProviderReminderStore {
  /** The provider's projects running in that month (beneficiary and service), for the list. */
  projectsRunningIn(
    providerId: string,
    from: CalendarDate,
    to: CalendarDate,
  ): Promise<{ beneficiary: string; service: string }[]>;
  /** Queues a Teams message once per idempotency key; false when it was already queued. */
  enqueueTeams(idempotencyKey: string, recipient: string, payload: Record<string, unknown>): Promise<boolean>;
}

/**
 * Day-8 reminder (disciplinare, FASE 7): validate in Gecas the hours of the month just ended, with
 * the list of the provider's projects. `round` is the first working day of the month or day 6.
 */
export async function queueProviderHoursReminder(
  store: ProviderReminderStore,
  providerId: string,
  serviceYear: number,
  serviceMonth: number,
  round: 'first' | 'day6',
): Promise<boolean> {
  const cycle = monthCycle('gecas_hours', serviceYear, serviceMonth)!;
  const from = `${serviceYear}-${String(serviceMonth).padStart(2, '0')}-01` as CalendarDate;
  const projects = await store.projectsRunningIn(providerId, from, lastDayOfMonth(serviceYear, serviceMonth));
  if (projects.length === 0) return false;
  const month = formatItalianMonth(serviceYear, serviceMonth);
  const lines = [
    `${round === 'day6' ? '⏰ Secondo promemoria' : '📅 Promemoria'}: entro ${formatLongItalianDate(cycle.providerValidationBy!)} occorre validare in Gecas le ore di ${month} per ciascun beneficiario.`,
    `Progetti attivi nel mese (${projects.length}):`,
    ...projects.slice(0, 40).map((project) => `• ${project.beneficiary} – ${project.service}`),
    ...(projects.length > 40 ? [`… e altri ${projects.length - 40}.`] : []),
    `Dal giorno 9 al 20 i Comuni controllano le ore; dal ${formatLongItalianDate(cycle.invoiceFrom!)} sarà possibile emettere fattura.`,
  ];
  const period = `${serviceYear}-${String(serviceMonth).padStart(2, '0')}`;
  return store.enqueueTeams(`provider-hours:${providerId}:${period}:${round}`, `provider:${providerId}`, {
    type: 'text',
    text: lines.join('\n\n'),
  });
}
