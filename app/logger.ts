import { pino, type Logger } from 'pino';

// Personal data of beneficiaries (special-category under GDPR art. 9) and secrets never reach logs.
const sensitiveKeys = [
  'taxCode',
  'surname',
  'name',
  'birthDate',
  'beneficiary',
  'email',
  'from',
  'to',
  'subject',
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

/** The application logger: JSON lines, personal data redacted by default. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'sportello' },
      redact: { paths: redactPaths, censor: '[redatto]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}
