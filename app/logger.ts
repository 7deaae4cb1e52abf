import { pino, type Logger } from 'pino';

// Personal data of beneficiaries (special-category under GDPR art. 9) and secrets never reach logs:
// names, codici fiscali, addresses, subjects, file names and the free-text reasons that may quote them.
const sensitiveKeys = [
  'taxCode',
  'surname',
  'name',
  'displayName',
  'birthDate',
  'beneficiary',
  'email',
  'address',
  'addresses',
  'recipient',
  'recipients',
  'from',
  'to',
  'replyTo',
  'sender',
  'subject',
  'fileName',
  'filename',
  'source',
  'reason',
  'note',
  'text',
  'html',
  'body',
  'raw',
  'password',
  'pass',
  'accessToken',
  'clientSecret',
  'authorization',
];

const redactPaths = sensitiveKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const emailAddress = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const taxCode = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi;
const quoted = /«[^»]*»|"[^"]*"/g;
const fileName = /[^\s/\\:'"«»]+\.(?:pdf|p7m|docx?|odt|rtf|eml|xlsx?|jpe?g|png|tiff?|zip)\b/gi;

/**
 * An error's message and stack may quote what failed to parse or whom a delivery failed to reach:
 * addresses, codici fiscali, quoted text and file names are masked, the rest stays for diagnosis.
 */
export function withoutPersonalData(text: string): string {
  return text
    .replace(emailAddress, '[indirizzo]')
    .replace(taxCode, '[codice fiscale]')
    .replace(quoted, '«[redatto]»')
    .replace(fileName, '[file]');
}

function errorWithoutPersonalData(error: unknown): unknown {
  if (typeof error === 'string') return withoutPersonalData(error);
  if (!(error instanceof Error)) return error;
  const serialized: object = pino.stdSerializers.err(error);
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized))
    clean[key] = typeof value === 'string' && key !== 'type' ? withoutPersonalData(value) : value;
  return clean;
}

/** The application logger: JSON lines, personal data redacted by default. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'sportello' },
      redact: { paths: redactPaths, censor: '[redatto]' },
      serializers: { err: errorWithoutPersonalData },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}
