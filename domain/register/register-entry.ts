/** A file of a register entry and its impronta (DPR 445/2000 art. 53 c. 1 f). */
export interface RegisteredFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** SHA-256, hex. */
  readonly sha256: string;
}

/** One entry of the protocol register: a request as Sportello numbered it on receipt. */
export interface RegisterEntry {
  readonly protocol: string;
  readonly year: number;
  readonly number: number;
  /** The server's (or the PEC's) time of receipt: the registration's date and time. */
  readonly receivedAt: Date;
  /** The sender as authenticated (From vouched for by our server, or the PEC's certified sender). */
  readonly sender: string | null;
  /** The Comune the sender is registered for. */
  readonly senderMunicipality: string | null;
  readonly subject: string | null;
  readonly kind: string;
  readonly service: string | null;
  /** The message as received: `messaggio.eml`, with its impronta (null before 2026-12-07). */
  readonly message: RegisteredFile | null;
  /** The files it brought, in order. */
  readonly attachments: readonly RegisteredFile[];
}

const kindLabels: Record<string, string> = {
  activation: 'richiesta di attivazione',
  day_centre_entry: 'richiesta di ingresso in servizio diurno',
  variation: 'richiesta di variazione progettuale',
  cessation: 'comunicazione di cessazione',
};

/** What the entry is, in Italian («richiesta di attivazione (SAD)»). */
export function entryDescription(entry: RegisterEntry): string {
  const kind = kindLabels[entry.kind] ?? entry.kind;
  return entry.service ? `${kind} (${entry.service})` : kind;
}
