import { signatureNotice } from '../../domain/requests/digital-signature.js';
import type { DigitalSigner } from '../../domain/triage/mail-for-triage.js';
import {
  deliveryLabel,
  detailsSentence,
  outgoingLabel,
  reminderLabel,
  transition,
} from './history-wording.js';

/** One thing that happened to a request, for `npm run history` and the console. */
export interface HistoryEvent {
  readonly at: Date;
  readonly actor: string;
  readonly what: string;
  readonly detail: string | null;
}

/** Everything recorded about a request, as the database keeps it. */
export interface RequestRecords {
  readonly request: {
    readonly kind: string;
    readonly service: string | null;
    readonly status: string;
    readonly problems: number;
    readonly senderAddress: string | null;
    readonly receivedAt: Date | null;
    /** Who signed the file the form was read from (none for an unsigned form). */
    readonly signers?: readonly DigitalSigner[];
  };
  readonly audit: readonly {
    readonly at: Date;
    readonly actor: string;
    readonly action: string;
    readonly fromState: string | null;
    readonly toState: string | null;
    readonly reason: string | null;
    readonly details: unknown;
  }[];
  readonly contractChanges: readonly {
    readonly at: Date;
    readonly actor: string;
    readonly fromState: string | null;
    readonly toState: string;
    readonly reason: string | null;
  }[];
  readonly outbox: readonly {
    readonly idempotencyKey: string;
    readonly channel: string;
    readonly recipient: string;
    readonly state: string;
    readonly createdAt: Date;
    readonly sentAt: Date | null;
    readonly attempts: number;
    readonly lastError: string | null;
  }[];
  /** Variations and cessations of the request's project (the one it opened, or the one it changed). */
  readonly projectChanges: readonly {
    readonly at: Date;
    readonly protocol: string;
    readonly lines: readonly string[];
    readonly kind: 'variation' | 'cessation';
    readonly cancelledAt: Date | null;
    readonly cancelledBy: string | null;
  }[];
  readonly reminders: readonly {
    readonly kind: string;
    readonly state: string;
    readonly outcome: string | null;
    readonly dueAt: Date;
    readonly doneAt: Date | null;
  }[];
}

/** Where the records of a request are read. */
export interface RequestRecordSource {
  recordsOf(protocol: string): Promise<RequestRecords | null>;
}

const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A moment as the history shows it: Rome time, Italian format. */
export function formatHistoryTime(at: Date): string {
  return timeFormat.format(at);
}

const auditActionLabels: Record<string, string> = {
  inbound_message_handled: 'messaggio elaborato',
  request_registered: 'richiesta protocollata e verificata',
  office_protocol_recorded: "numero di protocollo dell'ufficio registrato",
  contract_drafted: 'contratto redatto dal modello Word',
  contract_dated_for_dispatch: "contratto aggiornato con le scadenze dal giorno dell'invio",
  contract_approved: 'contratto approvato',
  contract_rejected: 'contratto non approvato',
  contract_decision_refused: 'tentativo di decisione da chi non è autorizzato',
  contract_sent: "contratto trasmesso all'ente",
  contract_follow_up: 'seguito della decisione',
  contract_returned: "contratto restituito firmato dall'ente",
  contract_refused: "incarico rifiutato dall'ente",
  contract_phase_d: 'fase D inserita in Gecas; comunicato al Comune quando il servizio può prendere avvio',
  project_change_cancelled: 'variazione o cessazione annullata',
};

/** What an event is, in Italian for people (the audit's actions have codes). */
export function historyLabel(event: HistoryEvent): string {
  return auditActionLabels[event.what] ?? event.what;
}

/** The whole story of a request in Italian, oldest first: mail in, checks, replies, card, contract, reminders. */
export function requestTimeline(records: RequestRecords): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  if (records.request.receivedAt) {
    events.push({
      at: records.request.receivedAt,
      actor: records.request.senderAddress ?? 'mittente sconosciuto',
      what: 'messaggio ricevuto nella casella dell’ufficio',
      detail: signatureNotice(records.request.signers ?? []),
    });
  }
  for (const entry of records.audit) {
    events.push({ at: entry.at, actor: entry.actor, what: entry.action, detail: describe(entry) });
  }
  for (const change of records.contractChanges) {
    events.push({
      at: change.at,
      actor: change.actor,
      what: `contratto: ${transition(change.fromState, change.toState)}`,
      detail: change.reason,
    });
  }
  for (const message of records.outbox) {
    events.push({
      at: message.createdAt,
      actor: 'sportello',
      what: outgoingLabel(message.idempotencyKey, message.channel, message.recipient),
      detail: deliveryLabel(
        message.state,
        message.attempts,
        message.sentAt ? formatHistoryTime(message.sentAt) : null,
        message.lastError,
      ),
    });
  }
  for (const change of records.projectChanges) {
    const what = change.kind === 'cessation' ? 'cessazione' : 'variazione';
    events.push({
      at: change.at,
      actor: 'sportello',
      what: `${what} applicata al progetto (pratica ${change.protocol})`,
      detail: change.lines.join('; '),
    });
    if (change.cancelledAt)
      events.push({
        at: change.cancelledAt,
        actor: change.cancelledBy ?? 'Ufficio Amministrazione',
        what: `${what} della pratica ${change.protocol} annullata`,
        detail: null,
      });
  }
  for (const reminder of records.reminders) {
    events.push({
      at: reminder.doneAt ?? reminder.dueAt,
      actor: 'scheduler',
      what: `${reminderLabel(reminder.kind)} (previsto per il ${formatHistoryTime(reminder.dueAt)})`,
      detail: `${reminder.doneAt ? 'eseguito' : 'in programma'}${reminder.outcome ? `: ${reminder.outcome}` : ''}`,
    });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function describe(entry: RequestRecords['audit'][number]): string | null {
  const parts = [
    transition(entry.fromState, entry.toState),
    entry.reason,
    detailsSentence(entry.details),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : null;
}
