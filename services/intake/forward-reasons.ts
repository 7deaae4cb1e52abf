import type { TriageKind } from '../../domain/triage/triage-mail.js';

/** Why a message went to staff unanswered: recorded on the message, shown in «Da verificare». */
export const forwardReasonLabels = {
  other: 'Messaggio senza un modulo riconosciuto: leggerlo e, se serve, rispondere a mano.',
  reply: 'Risposta in una conversazione, senza un nuovo modulo: leggerla.',
  activation: 'Richiesta di attivazione da verificare a mano.',
  day_centre_entry: 'Richiesta di ingresso in servizio diurno da verificare a mano.',
  variation: 'Richiesta di variazione da verificare a mano.',
  cessation: 'Comunicazione di cessazione da verificare a mano.',
  forecast: 'Previsione di spesa: controllare e confermare le righe in «Previsioni».',
  scan_uncertain: 'Modulo letto da una scansione con dati incerti.',
  contract_reply: "Risposta dell'ente a un contratto da leggere.",
  contract_reply_unregistered_sender: 'Risposta a un contratto da un indirizzo non registrato.',
  contract_reply_unreadable: 'Risposta a un contratto con un allegato non leggibile.',
  contract_reply_not_authenticated: 'Risposta sul contratto da un mittente non verificato.',
  sender_not_authenticated: 'Mittente non verificato dal server di posta.',
  sender_ambiguous: 'Più mittenti, o un mittente non leggibile.',
  sender_not_registered: 'Mittente non registrato.',
  sender_not_municipality: 'Mittente che non è un Comune registrato.',
  other_municipality: 'Comune diverso da quello di residenza del beneficiario.',
  message_id_reused: 'Identificativo del messaggio già usato da un altro messaggio.',
  duplicate_request: 'Richiesta per un progetto già in corso (stesso beneficiario e servizio).',
} as const;

export type ForwardReason = keyof typeof forwardReasonLabels;

/** What the intake records of a message it hands to staff, on the message itself. */
export interface ForwardRecord {
  readonly reason: ForwardReason;
  /** The intake's own words for staff (what was read, what to do). */
  readonly note: string | null;
  /** The sender and subject as the message wrote them, for the list (never believed, only shown). */
  readonly from: string | null;
  readonly subject: string | null;
}

/** A message of a kind that needs a person (a reply, a form read without certainty) is forwarded as that kind. */
export function forwardReasonOfKind(kind: TriageKind): ForwardReason {
  return kind in forwardReasonLabels ? (kind as ForwardReason) : 'other';
}

/** Whether a stored code is one of the reasons (an older row may hold something else). */
export function isForwardReason(code: string | null): code is ForwardReason {
  return code !== null && code in forwardReasonLabels;
}
