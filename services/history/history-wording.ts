import { serviceLabel } from '../../domain/catalogue/services.js';

// The words of a request's story: every code the records keep (states, message kinds, reminders)
// as people in the office say it. An unknown code is said generically, never shown raw.

const stateLabels: Record<string, string> = {
  registered: 'ricevuto',
  processed: 'elaborato',
  ignored: 'ignorato (posta automatica)',
  forwarded: 'passato al personale',
  quarantined: 'messo da parte',
  acknowledged: 'avvio del procedimento comunicato',
  integration_requested: 'integrazione richiesta al Comune',
  draft: 'bozza',
  approved: 'approvato',
  rejected: 'non approvato',
  sent: "trasmesso all'ente",
  returned: "restituito firmato dall'ente",
  refused: "rifiutato dall'ente",
  pending: 'in attesa',
  active: 'in corso',
  closed: 'concluso',
};

const kindLabels: Record<string, string> = {
  activation: 'richiesta di attivazione',
  day_centre_entry: 'richiesta di ingresso in servizio diurno',
  variation: 'variazione progettuale',
  cessation: 'cessazione',
  forecast: 'previsione di spesa',
  contract_reply: "risposta dell'ente sul contratto",
  reply: 'risposta in una conversazione',
  other: 'messaggio senza modulo',
};

const outgoingLabels: Record<string, string> = {
  reply: 'risposta al Comune (avvio del procedimento o richiesta di integrazione)',
  'duplicate-reply': 'risposta al Comune: richiesta già registrata',
  'forecast-ack': 'conferma della previsione di spesa al Comune',
  message_for_staff: 'avviso al personale',
  reply_withheld: 'avviso al personale: risposta automatica trattenuta',
  'request-accepted': 'scheda della richiesta accolta al personale',
  'contract-sent': "contratto trasmesso all'ente",
  'contract-rejected': 'comunicazione del contratto non approvato',
  'contract-refused-email': "comunicazione al Comune del rifiuto dell'ente",
  'contract-overdue': "sollecito all'ente per il contratto",
  'contract-due-back': 'promemoria del contratto da restituire',
  'project-changed': 'scheda della variazione al personale',
  'project-changed-provider': "comunicazione della variazione all'ente",
  'project-change-cancelled': 'comunicazione della variazione annullata',
  'service-may-start': 'comunicazione al Comune: fase D inserita, il servizio può prendere avvio',
  'service-may-start-teams': 'comunicazione al Comune: il servizio può prendere avvio',
};

const reminderLabels: Record<string, string> = {
  contract_due_back: "restituzione del contratto da parte dell'ente",
  contract_dispatch_due: "trasmissione del contratto all'ente",
  contract_phase_d: 'fase D da inserire in Gecas',
  budget_threshold: 'soglia dell’80% del budget',
  quarterly_summary: 'riepilogo trimestrale',
};

/** A state as people say it; a value that is not a code (an office protocol number) as it is. */
export function stateLabel(state: string | null): string {
  if (!state) return '—';
  return stateLabels[state] ?? (/^[a-z_]+$/.test(state) ? 'stato aggiornato' : state);
}

/** «ricevuto → elaborato», or null when neither side is known. */
export function transition(from: string | null, to: string | null): string | null {
  return from || to ? `${stateLabel(from)} → ${stateLabel(to)}` : null;
}

/** An outgoing message by its kind, channel and recipient, in Italian. */
export function outgoingLabel(idempotencyKey: string, channel: string, recipient: string): string {
  const kind = idempotencyKey.split(':')[0]!;
  const what = outgoingLabels[kind] ?? 'messaggio';
  const to =
    recipient === 'staff'
      ? 'al personale'
      : recipient.startsWith('provider:')
        ? "all'ente in Teams"
        : `a ${recipient}`;
  return `${what} (${channel === 'email' ? 'e-mail' : 'Teams'}) ${to}`;
}

/** Where an outgoing message stands: sent, waiting, or not sent (with how many attempts). */
export function deliveryLabel(
  state: string,
  attempts: number,
  sentAt: string | null,
  lastError: string | null,
): string {
  if (state === 'sent') return sentAt ? `inviato alle ${sentAt}` : 'inviato';
  const tries = attempts === 1 ? '1 tentativo' : `${attempts} tentativi`;
  if (state === 'failed')
    return `non inviato dopo ${tries}${lastError ? ` (${lastError})` : ''}: da riprovare dalla console`;
  return attempts > 0 ? `in attesa di invio (${tries})` : 'in attesa di invio';
}

/** A reminder of the calendar, in Italian. */
export function reminderLabel(kind: string): string {
  return `promemoria: ${reminderLabels[kind] ?? 'scadenza del calendario'}`;
}

/** The details an audit entry keeps, as a sentence: only what people need, never raw data. */
export function detailsSentence(details: unknown): string | null {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return null;
  const entries = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof entries['kind'] === 'string') parts.push(kindLabels[entries['kind']] ?? 'messaggio');
  if (typeof entries['service'] === 'string') parts.push(`servizio ${serviceLabel(entries['service'])}`);
  if (typeof entries['protocol'] === 'string') parts.push(`pratica n. ${entries['protocol']}`);
  if (typeof entries['officeProtocol'] === 'string')
    parts.push(`protocollo dell'ufficio ${entries['officeProtocol']}`);
  return parts.length > 0 ? parts.join(', ') : null;
}
