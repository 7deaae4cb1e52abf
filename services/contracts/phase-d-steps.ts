import { isStaff, refusal, staffOnlyMessage, type Refusal } from '../access/refusal.js';
import { romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import type { Caller } from '../access/caller.js';
import { emailMessage, staffRecipient, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';
import type { ContractDispatchOptions, DecidedContract } from './contract-dispatch.js';
import type { ReminderResult } from './contract-overdue.js';
import { serviceMayStartEmail, serviceMayStartOn } from './phase-d.js';

/** What the fase D step needs from the database. */
export interface PhaseDStore {
  decidedContract(contractId: string): Promise<DecidedContract | null>;
  /**
   * In one transaction, if the contract is still at `version`, returned and without fase D: records
   * the fase D on `on` by `actor`, the operator's name, the day the service may start, audits it and
   * queues `outbox`; false otherwise.
   */
  markPhaseD(input: {
    readonly contractId: string;
    readonly version: number;
    readonly on: CalendarDate;
    readonly actor: string;
    readonly operatorName: string | null;
    readonly serviceMayStartOn: CalendarDate;
    readonly outbox: readonly OutboxMessage[];
  }): Promise<boolean>;
}

/** What marking the fase D came to. */
export type PhaseDResult =
  { readonly outcome: 'recorded'; readonly serviceMayStartOn: CalendarDate } | Refusal;

const refusals = {
  not_staff: staffOnlyMessage('segnare la fase D'),
  not_found: 'Contratto non trovato.',
  not_returned: "La fase D si inserisce dopo la restituzione del contratto firmato dall'ente.",
  already_done: 'La fase D risulta già inserita in Gecas.',
  stale: 'Il contratto è stato aggiornato nel frattempo: ricaricare la pagina.',
} as const;
const refused = (code: keyof typeof refusals): Refusal => refusal(code, refusals[code]);

/**
 * After the signed return (seed l. 240-246, 256-264): staff mark the fase D entered in Gecas, with
 * the operator the provider assigned; the Comune is told, in the request's thread and in Teams,
 * that the service may start once its PAI is in Gecas. The scheduler reminds staff before the term.
 */
export class PhaseDSteps {
  constructor(
    private readonly store: PhaseDStore,
    private readonly office: ContractDispatchOptions,
    private readonly clock: () => Date,
  ) {}

  async mark(
    caller: Caller | null,
    input: { readonly contractId: string; readonly version: number; readonly operatorName: string | null },
  ): Promise<PhaseDResult> {
    if (!isStaff(caller)) return refused('not_staff');
    if (!Number.isInteger(input.version)) return refused('stale');
    const contract = await this.store.decidedContract(input.contractId);
    if (!contract) return refused('not_found');
    if (contract.state !== 'returned') return refused('not_returned');
    if (contract.phaseD.doneOn) return refused('already_done');
    const today = romeDateOf(this.clock());
    const operatorName = input.operatorName?.trim().slice(0, 80) || contract.phaseD.operatorName;
    const startOn = serviceMayStartOn(contract.phaseD.plannedStart, today);
    const recorded = await this.store.markPhaseD({
      contractId: contract.id,
      version: input.version,
      on: today,
      actor: caller.displayName,
      operatorName,
      serviceMayStartOn: startOn,
      outbox: this.toMunicipality(contract, today, startOn, operatorName),
    });
    return recorded ? { outcome: 'recorded', serviceMayStartOn: startOn } : refused('stale');
  }

  /** Two days before the term: staff, if the fase D is not marked. */
  async reminder(payload: Readonly<Record<string, unknown>>): Promise<ReminderResult> {
    const id = payload['contractId'];
    const contract = typeof id === 'string' ? await this.store.decidedContract(id) : null;
    if (!contract) return { state: 'skipped', outcome: 'contratto non trovato', outbox: [] };
    if (contract.state !== 'returned' || contract.phaseD.doneOn || !contract.phaseD.dueOn)
      return { state: 'skipped', outcome: 'nessun avviso: fase D già inserita', outbox: [] };
    const { reference } = contract;
    const text = `📅 Fase D in Gecas da inserire entro il ${formatLongItalianDate(contract.phaseD.dueOn)} per la pratica ${reference.protocol} (${reference.service}, ${reference.beneficiaryInitials}, ${reference.provider}): il contratto è tornato firmato. Una volta inserita, segnarla nella pagina della pratica.`;
    return {
      state: 'sent',
      outcome: 'avviso allo staff: fase D da inserire',
      outbox: [teamsText(`contract-phase-d-staff:${contract.id}`, staffRecipient, text)],
    };
  }

  private toMunicipality(
    contract: DecidedContract,
    today: CalendarDate,
    startOn: CalendarDate,
    operatorName: string | null,
  ): OutboxMessage[] {
    const outbox: OutboxMessage[] = [];
    if (contract.requestSender)
      outbox.push(
        emailMessage(
          `service-may-start:${contract.id}`,
          serviceMayStartEmail({
            contract: contract.facts,
            returnedOn: contract.phaseD.returnedOn,
            phaseDDoneOn: today,
            startOn,
            operatorName,
            to: contract.requestSender,
            messageId: `<avvio-servizio.${contract.id}@${this.office.messageIdDomain}>`,
            inReplyTo: contract.requestMessageId,
            signature: this.office.signature,
          }),
        ),
      );
    if (contract.municipalityId && contract.socialWorkersInTeams)
      outbox.push(
        teamsText(
          `service-may-start-teams:${contract.id}`,
          { kind: 'municipality', id: contract.municipalityId },
          `✅ Pratica ${contract.reference.protocol} (${contract.reference.service}, ${contract.reference.beneficiaryInitials}): fase D inserita in Gecas; il servizio con ${contract.reference.provider} può prendere avvio dal ${formatLongItalianDate(startOn)}, dopo il PAI in Gecas.`,
        ),
      );
    if (outbox.length === 0)
      outbox.push(
        teamsText(
          `service-may-start-unreachable:${contract.id}`,
          staffRecipient,
          `⚠️ L'avvio del servizio della pratica ${contract.reference.protocol} non può essere comunicato automaticamente al Comune (nessun indirizzo): avvisarlo manualmente.`,
        ),
      );
    return outbox;
  }
}
