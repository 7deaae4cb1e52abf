/** A request's kind as the office names it (the title of its form). */
export function requestKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind;
}

/** A request's state, in Italian. */
export function requestStatusLabel(status: string): string {
  return statusLabels[status] ?? status;
}

const kindLabels: Record<string, string> = {
  activation: 'Richiesta di attivazione servizio accreditato',
  day_centre_entry: 'Richiesta di ingresso in servizio diurno',
  variation: 'Richiesta di variazione progettuale',
  cessation: 'Comunicazione di cessazione',
};

const statusLabels: Record<string, string> = {
  acknowledged: 'avviata',
  integration_requested: 'integrazione richiesta',
  accepted: 'accolta',
  rejected: 'respinta',
  closed: 'chiusa',
};

/** The states a request can be in, in the order of its life. */
export const requestStatuses = Object.keys(statusLabels);
