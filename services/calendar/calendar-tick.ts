import type { Logger } from 'pino';
import { lastDayOfMonth, romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { romeMorning } from '../../domain/calendar/rome-instant.js';
import { dutiesToRunOn, type CalendarDuty } from '../../domain/schedule/calendar-duties.js';
import { servicesWithCycle } from '../../domain/catalogue/monthly-cycles.js';
import { schoolYearOf } from '../../domain/costs/plan-period.js';
import { serviceDefinition } from '../../domain/catalogue/services.js';
import type { ServiceCode } from '../../domain/catalogue/service-codes.js';
import {
  attendanceInvoicingMessage,
  attendanceSheetMessage,
  forecastRequestMessage,
  forecastProposalMessage,
  invoicingOpenMessage,
  municipalityCheckMessage,
  providerHoursMessage,
  type DutyMessage,
} from '../../domain/schedule/duty-messages.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import type { ReminderResult } from '../contracts/contract-overdue.js';
import { deliveryOf, type DutyRecipient, type OfficeIdentity } from './duty-delivery.js';

/** One message of a duty to one recipient, recorded once under its key. */
export interface DutyDelivery {
  readonly idempotencyKey: string;
  readonly recipient: string;
  readonly outbox: OutboxMessage | null;
}

/** A reminder kept in the database that is now due. */
export interface DueReminder {
  readonly id: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What the calendar needs from the database. */
export interface CalendarStore {
  /** Providers with projects of `services` running in the period, with those projects. */
  providersActiveIn(
    from: CalendarDate,
    to: CalendarDate,
    services: readonly ServiceCode[],
  ): Promise<(DutyRecipient & { projects: { beneficiary: string; service: string }[] })[]>;
  /** Providers with projects in the month whose hours of that month have not been imported. */
  providersWithoutHours(year: number, month: number): Promise<Set<string>>;
  /** Comuni with projects (of `services`, when given) running in the period. */
  municipalitiesActiveIn(
    from: CalendarDate,
    to: CalendarDate,
    services?: readonly ServiceCode[],
  ): Promise<DutyRecipient[]>;
  /** Keys already recorded among these. */
  recorded(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Records one run of a duty and its deliveries, each once (by key) with its message, in one
   * transaction; returns how many deliveries were new.
   */
  recordDuty(
    run: { idempotencyKey: string; kind: string; dueAt: Date; state: 'sent' | 'skipped'; outcome: string },
    deliveries: readonly DutyDelivery[],
  ): Promise<number>;
  dueReminders(now: Date, limit: number): Promise<DueReminder[]>;
  /** Settles a due reminder once with its messages; false when another worker settled it first. */
  settleReminder(id: string, result: ReminderResult, at: Date): Promise<boolean>;
}

/** Writes the quarterly spending summaries (a workbook per Comune) as deliveries. */
export interface QuarterlySummaries {
  deliveries(duty: CalendarDuty): Promise<DutyDelivery[]>;
}

/** Extra work the tick runs after the calendar duties (contracts, thresholds, summaries). */
export interface TickTask {
  readonly name: string;
  run(now: Date): Promise<string>;
}

/**
 * One turn of the calendar (FLOWS §3), run by the scheduler every few minutes and at start-up:
 * reminders now due, the duties of the disciplinare's calendar that are due and still useful
 * (caught up once after downtime, never doubled: every message has its idempotency key), and
 * the other periodic tasks. Safe to run on several replicas at once.
 */
export class CalendarTick {
  private readonly reminderHandlers = new Map<
    string,
    (payload: Readonly<Record<string, unknown>>) => Promise<ReminderResult>
  >();

  constructor(
    private readonly store: CalendarStore,
    private readonly office: OfficeIdentity,
    private readonly tasks: readonly TickTask[],
    private readonly quarterly: QuarterlySummaries | null,
    private readonly logger: Logger,
  ) {}

  /** How reminders of a kind are run when due (e.g. `contract_due_back`). */
  onReminder(
    kind: string,
    handler: (payload: Readonly<Record<string, unknown>>) => Promise<ReminderResult>,
  ): void {
    this.reminderHandlers.set(kind, handler);
  }

  async run(now: Date): Promise<string[]> {
    const summary: string[] = [];
    summary.push(...(await this.runDueReminders(now)));
    summary.push(...(await this.runDuties(now)));
    for (const task of this.tasks) {
      try {
        summary.push(`${task.name}: ${await task.run(now)}`);
      } catch (error) {
        this.logger.error({ err: error, task: task.name }, 'scheduled task failed');
        summary.push(`${task.name}: errore`);
      }
    }
    return summary;
  }

  private async runDueReminders(now: Date): Promise<string[]> {
    const done: string[] = [];
    for (const reminder of await this.store.dueReminders(now, 100)) {
      const handler = this.reminderHandlers.get(reminder.kind);
      const result: ReminderResult = handler
        ? await handler(reminder.payload)
        : { state: 'skipped', outcome: `tipo di promemoria sconosciuto: ${reminder.kind}`, outbox: [] };
      if (await this.store.settleReminder(reminder.id, result, now))
        done.push(`${reminder.kind}: ${result.outcome}`);
    }
    return done;
  }

  /** The duties of the disciplinare's calendar due on `now`'s Rome date and not yet done (no other task). */
  async runDuties(now: Date): Promise<string[]> {
    const today = romeDateOf(now);
    const duties = dutiesToRunOn(today);
    const keyOf = (duty: CalendarDuty) => `duty:${duty.kind}:${duty.period}`;
    const recorded = await this.store.recorded(duties.map(keyOf));
    const done: string[] = [];
    for (const duty of duties) {
      const key = keyOf(duty);
      if (recorded.has(key)) continue;
      const superseded =
        duty.kind === 'provider_hours_first' &&
        duties.some((other) => other.kind === 'provider_hours_day6' && other.period === duty.period);
      const deliveries = superseded ? [] : await this.deliveriesOf(duty);
      const reachable = deliveries.filter((delivery) => delivery.outbox !== null).length;
      const outcome = superseded
        ? 'sostituito dal secondo promemoria (il server non era attivo il giorno previsto)'
        : `${reachable} destinatari${deliveries.length > reachable ? `, ${deliveries.length - reachable} senza recapito` : ''}`;
      const fresh = await this.store.recordDuty(
        {
          idempotencyKey: key,
          kind: duty.kind,
          dueAt: romeMorning(duty.dueOn),
          state: superseded ? 'skipped' : 'sent',
          outcome,
        },
        deliveries,
      );
      this.logger.info({ duty: key, deliveries: deliveries.length, fresh }, 'calendar duty done');
      done.push(`${key}: ${outcome}`);
    }
    return done;
  }

  private async deliveriesOf(duty: CalendarDuty): Promise<DutyDelivery[]> {
    const key = (recipient: DutyRecipient) =>
      `duty:${duty.kind}:${duty.period}:${recipient.kind}:${recipient.id}`;
    const deliver = (recipient: DutyRecipient, message: DutyMessage): DutyDelivery => ({
      idempotencyKey: key(recipient),
      recipient: `${recipient.kind}:${recipient.id}`,
      outbox: deliveryOf(recipient, key(recipient), message, this.office),
    });
    const month = duty.serviceMonth;
    const monthFrom = month
      ? (`${month.year}-${String(month.month).padStart(2, '0')}-01` as CalendarDate)
      : null;
    const monthTo = month ? lastDayOfMonth(month.year, month.month) : null;
    switch (duty.kind) {
      case 'provider_hours_first':
      case 'provider_hours_day6': {
        let providers = await this.store.providersActiveIn(monthFrom!, monthTo!, hourlyServices);
        if (duty.kind === 'provider_hours_day6') {
          const missing = await this.store.providersWithoutHours(month!.year, month!.month);
          providers = providers.filter((provider) => missing.has(provider.id));
        }
        return providers.map((provider) => deliver(provider, providerHoursMessage(duty, provider.projects)));
      }
      case 'invoicing_open':
        return (await this.store.providersActiveIn(monthFrom!, monthTo!, hourlyServices)).map((provider) =>
          deliver(provider, invoicingOpenMessage(duty)),
        );
      case 'attendance_sheet':
        return (await this.store.providersActiveIn(monthFrom!, monthTo!, dayCentreServices)).map((provider) =>
          deliver(provider, attendanceSheetMessage(duty, provider.projects)),
        );
      case 'attendance_invoicing':
        return (await this.store.providersActiveIn(monthFrom!, monthTo!, dayCentreServices)).map((provider) =>
          deliver(provider, attendanceInvoicingMessage(duty)),
        );
      case 'municipality_check':
        return (await this.store.municipalitiesActiveIn(monthFrom!, monthTo!, hourlyServices)).map(
          (municipality) => deliver(municipality, municipalityCheckMessage(duty, municipality.name)),
        );
      case 'forecast_request': {
        const { from, to } = forecastAudience(duty);
        return (await this.store.municipalitiesActiveIn(from, to, duty.services ?? [])).map((municipality) =>
          deliver(municipality, forecastRequestMessage(duty, municipality.name)),
        );
      }
      case 'forecast_proposal':
        return [deliver(staff, forecastProposalMessage(duty))];
      case 'quarterly_summary':
        return this.quarterly ? this.quarterly.deliveries(duty) : [];
    }
  }
}

/**
 * Who is asked for a forecast: the Comuni with projects of the duty's services in the period it
 * plans from. SAAP plans by school year (seed l. 2477-2485): every Comune with SAAP pupils in the
 * school year ending that summer, even if their plans ended in June; the others forecast the
 * projects continuing past the deadline (a ceased project asks for no forecast).
 */
function forecastAudience(duty: CalendarDuty): { from: CalendarDate; to: CalendarDate } {
  const deadline = duty.deadline!;
  const bySchoolYear =
    (duty.services ?? []).length > 0 &&
    duty.services!.every((code) => serviceDefinition(code).forecast?.period === 'school_year');
  return { from: bySchoolYear ? schoolYearOf(deadline).from : deadline, to: deadline };
}

// Each provider is reminded of its own cycle: hours in Gecas, or attendance sheets of day centres.
const hourlyServices = servicesWithCycle('gecas_hours');
const dayCentreServices = servicesWithCycle('attendance_sheet');

const staff: DutyRecipient = {
  kind: 'staff',
  id: 'ufficio',
  name: 'Ufficio Amministrazione',
  email: null,
  inTeams: true,
};
