import type { Viewer } from '../access/read-log.js';
import { formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import type { CallerScope } from '../access/caller.js';

/** A request as its status answer shows it. */
export interface RequestStatus {
  readonly protocol: string;
  readonly kind: string;
  readonly service: string | null;
  readonly status: string;
  readonly receivedOn: CalendarDate;
  readonly problems: number;
  /** The office's protocol number, once staff recorded it. */
  readonly officeProtocol: string | null;
  readonly contract: {
    readonly state: string;
    readonly dueBackOn: CalendarDate | null;
    readonly decidedBy: string | null;
  } | null;
}

export interface RequestStatusLookup {
  requestStatus(scope: CallerScope, protocol: string): Promise<RequestStatus | null>;
}

const statusNames: Record<string, string> = {
  acknowledged: 'avviata: comunicazione di avvio del procedimento inviata',
  integration_requested: 'in attesa di integrazione da parte del Comune',
  accepted: 'accolta',
  rejected: 'respinta',
  closed: 'conclusa',
};

const contractNames: Record<string, string> = {
  draft: 'in approvazione presso l’ufficio',
  approved: 'approvato, in invio all’ente',
  rejected: 'non approvato',
  sent: 'inviato all’ente, in attesa della firma',
  returned: 'restituito firmato dall’ente',
  refused: 'rifiutato dall’ente',
};

const kindNames: Record<string, string> = {
  activation: 'Richiesta di attivazione',
  day_centre_entry: 'Richiesta di ingresso in servizio diurno',
  variation: 'Richiesta di variazione progettuale',
  cessation: 'Comunicazione di cessazione',
};

/** "Stato della richiesta 2027/0000123". */
export async function answerRequestStatus(
  lookup: RequestStatusLookup,
  scope: CallerScope,
  protocol: string,
  viewer: Viewer,
): Promise<string> {
  const request = await lookup.requestStatus(scope, protocol);
  if (!request) return `Non ho trovato la pratica ${protocol} tra quelle che può consultare.`;
  await viewer.saw('bot_request_status', [{ protocol: request.protocol }]);
  const lines = [
    `**Pratica ${request.protocol}** – ${kindNames[request.kind] ?? request.kind}${request.service ? ` (${request.service})` : ''}, ricevuta il ${formatShortItalianDate(request.receivedOn)}`,
    ...(request.officeProtocol ? [`Protocollo dell'ufficio: n. ${request.officeProtocol}`] : []),
    `Stato: ${statusNames[request.status] ?? request.status}${request.problems > 0 ? ` (${request.problems} punti da correggere)` : ''}`,
  ];
  if (request.contract) {
    const due =
      request.contract.dueBackOn && request.contract.state === 'sent'
        ? `, da restituire entro il ${formatShortItalianDate(request.contract.dueBackOn)}`
        : '';
    lines.push(`Contratto: ${contractNames[request.contract.state] ?? request.contract.state}${due}`);
  }
  return lines.join('\n\n');
}
