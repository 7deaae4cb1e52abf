import { isStaff, refusal, staffOnlyRefusal, type Refusal } from '../access/refusal.js';
import { addDays, romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { romeMorning } from '../../domain/calendar/rome-instant.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import type { CumulativeContractPlan } from '../../domain/forecasts/cumulative-contracts.js';
import type { Caller } from '../access/caller.js';
import type { ScheduledReminder } from '../contracts/contract-dispatch.js';

/** A cumulative contract as recorded when its forecast is handled. */
export interface NewCumulativeContract extends CumulativeContractPlan {
  readonly id: string;
  readonly municipalityId: string;
  readonly reminders: readonly ScheduledReminder[];
}

/** A cumulative contract as its card shows it. */
export interface CumulativeContractView {
  readonly id: string;
  readonly version: number;
  readonly municipality: string;
  readonly provider: { readonly id: string; readonly name: string; readonly email: string };
  readonly service: string;
  readonly beneficiaries: number;
  readonly state: 'due' | 'sent' | 'returned';
  readonly dueOn: CalendarDate;
  readonly returnWorkingDays: number;
  readonly sentOn: CalendarDate | null;
  readonly dueBackOn: CalendarDate | null;
  readonly returnedOn: CalendarDate | null;
  readonly phaseDDueOn: CalendarDate;
  readonly phaseDDoneOn: CalendarDate | null;
}

/** What staff mark from the card: sent to the provider, returned signed, fase D entered in Gecas. */
export type CumulativeContractStep = 'sent' | 'returned' | 'phase_d';

/** What the steps need from the database. */
export interface CumulativeContractStore {
  cumulativeContract(id: string): Promise<CumulativeContractView | null>;
  /**
   * In one transaction, if the contract is still at `version`: records the step on `on` (and
   * `dueBackOn` for `sent`), audits it with the person, schedules `reminders`; false otherwise.
   */
  recordStep(input: {
    readonly id: string;
    readonly version: number;
    readonly step: CumulativeContractStep;
    readonly on: CalendarDate;
    readonly dueBackOn: CalendarDate | null;
    readonly actor: string;
    readonly reminders: readonly ScheduledReminder[];
  }): Promise<boolean>;
}

/** What the card shows after a button. */
export type StepResult =
  | { readonly outcome: 'recorded'; readonly contract: CumulativeContractView }
  | (Refusal & { readonly contract: CumulativeContractView | null });

/**
 * The reminders of a new cumulative contract: staff the morning after it was due if it has not been
 * sent, and a week before the fase D deadline if it is not entered (FLOWS §3, like the others).
 */
export function cumulativeContractReminders(
  id: string,
  plan: Pick<CumulativeContractPlan, 'dueOn' | 'phaseDDueOn'>,
): ScheduledReminder[] {
  return [
    {
      idempotencyKey: `cumulative-due:${id}`,
      kind: 'cumulative_contract_due',
      dueAt: romeMorning(addDays(plan.dueOn, 1)),
      payload: { cumulativeContractId: id },
    },
    {
      idempotencyKey: `cumulative-phase-d:${id}`,
      kind: 'cumulative_phase_d',
      dueAt: romeMorning(addDays(plan.phaseDDueOn, -7)),
      payload: { cumulativeContractId: id },
    },
  ];
}

const stepAllowed: Record<CumulativeContractStep, (view: CumulativeContractView) => string | null> = {
  sent: (view) => (view.state === 'due' ? null : 'Il contratto cumulativo risulta già trasmesso.'),
  returned: (view) =>
    view.state === 'sent'
      ? null
      : view.state === 'due'
        ? "Segnare prima la trasmissione all'ente."
        : 'Il contratto cumulativo risulta già restituito firmato.',
  phase_d: (view) => (view.phaseDDoneOn ? 'La fase D risulta già inserita in Gecas.' : null),
};

/**
 * Staff mark a cumulative contract's steps from its card (staff only, audited): sent to the
 * provider (its return is then due within the service's working days and reminded the morning
 * after), returned signed, and the fase D entered in Gecas.
 */
export async function recordCumulativeContractStep(
  store: CumulativeContractStore,
  caller: Caller | null,
  input: { readonly id: string; readonly version: number; readonly step: CumulativeContractStep },
  today: CalendarDate,
): Promise<StepResult> {
  if (!isStaff(caller)) return { ...staffOnlyRefusal('aggiornare i contratti cumulativi'), contract: null };
  const contract = await store.cumulativeContract(input.id);
  if (!contract) return { ...refusal('not_found', 'Contratto cumulativo non trovato.'), contract: null };
  const notAllowed = stepAllowed[input.step](contract);
  if (notAllowed) return { ...refusal('stale', notAllowed), contract };
  const dueBackOn = input.step === 'sent' ? addWorkingDays(today, contract.returnWorkingDays) : null;
  const reminders: ScheduledReminder[] = dueBackOn
    ? [
        {
          idempotencyKey: `cumulative-due-back:${contract.id}`,
          kind: 'cumulative_contract_due_back',
          dueAt: romeMorning(addDays(dueBackOn, 1)),
          payload: { cumulativeContractId: contract.id },
        },
      ]
    : [];
  const recorded = await store.recordStep({
    id: contract.id,
    version: input.version,
    step: input.step,
    on: today,
    dueBackOn,
    actor: caller.displayName,
    reminders,
  });
  const fresh = await store.cumulativeContract(input.id);
  if (!recorded || !fresh)
    return {
      ...refusal('stale', 'Il contratto cumulativo è stato aggiornato nel frattempo: controllare la scheda.'),
      contract: fresh,
    };
  return { outcome: 'recorded', contract: fresh };
}

/** The card's buttons, dated by the clock. */
export class CumulativeContractActions {
  constructor(
    private readonly store: CumulativeContractStore,
    private readonly clock: () => Date,
  ) {}

  view(id: string): Promise<CumulativeContractView | null> {
    return this.store.cumulativeContract(id);
  }

  record(
    caller: Caller | null,
    input: { readonly id: string; readonly version: number; readonly step: CumulativeContractStep },
  ): Promise<StepResult> {
    return recordCumulativeContractStep(this.store, caller, input, romeDateOf(this.clock()));
  }
}
