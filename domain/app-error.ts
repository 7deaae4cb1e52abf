/**
 * The one error type of Sportello. Every failure that can reach a user carries a stable `code`
 * (for logs, tests and support), an internal English `message` (may name technical details, never
 * personal data) and a courteous Italian `userMessage` safe to show to office staff.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { userMessage?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? defaultUserMessages[code];
    this.details = options.details ?? {};
  }
}

/** Stable error codes; add new ones here together with their default Italian message. */
export type AppErrorCode = keyof typeof defaultUserMessages;

const defaultUserMessages = {
  tariff_not_found:
    'Non è presente una tariffa in vigore per il servizio e la data indicati: verificare le schede economiche.',
  invalid_calendar_date: 'La data indicata non è valida: usare il formato GG/MM/AAAA.',
  invalid_amount: "L'importo indicato non è valido.",
  unknown_service: 'Il servizio indicato non è presente nel catalogo dei servizi accreditati.',
  invalid_configuration: 'La configurazione di Sportello non è valida: contattare il supporto tecnico.',
  database_unavailable: 'Il database non è raggiungibile: riprovare tra qualche minuto.',
  not_found: "L'elemento richiesto non è stato trovato.",
  forbidden: 'Non si dispone dei permessi necessari per questa operazione.',
  conflict: "L'operazione è già stata eseguita o i dati sono stati modificati nel frattempo.",
  invalid_input: 'I dati forniti non sono validi.',
  import_rejected: 'Il file non è stato importato perché contiene righe non valide.',
  mail_unreadable: 'Il messaggio non è leggibile ed è stato messo da parte per un controllo manuale.',
  mail_reader_unavailable:
    'La lettura dei messaggi non è al momento disponibile: i messaggi restano nella casella e saranno elaborati appena possibile.',
  template_invalid: 'Il modello di documento contiene un segnaposto non valido.',
  document_unavailable:
    'Il documento non è stato preparato per un problema tecnico: riprovare tra qualche istante.',
  delivery_refused: 'Il destinatario ha rifiutato il messaggio: verificare l’indirizzo.',
  delivery_throttled: 'Il canale di invio ha chiesto di rallentare: il messaggio partirà tra poco.',
  recipient_unreachable: 'Il destinatario non è ancora raggiungibile: il messaggio sarà ritentato più tardi.',
  internal: 'Si è verificato un errore imprevisto: il personale tecnico è stato avvisato.',
} as const;

/** True when `error` is an AppError with one of the given codes (or any code when none is given). */
export function isAppError(error: unknown, ...codes: AppErrorCode[]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}
