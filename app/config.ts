import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import { defaultMailLimits, type MailLimits } from '../mail/parsing/mail-limits.js';

const port = z.coerce.number().int().min(0).max(65_535);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Everything Sportello reads from its environment, parsed once at start-up. */
const configSchema = z.object({
  SPORTELLO_MODE: z.enum(['development', 'production']).default('development'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  EMBEDDED_DATA_DIR: z.string().default('./data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_MIGRATE_ON_START: booleanFlag.default(false),
  DEMO_DATA: booleanFlag.optional(),
  MAIL_OWN_ADDRESSES: z
    .string()
    .default('amministrazione@comunitasocialecremasca.it,amministrazione@pec.comunitasocialecremasca.it'),
  MAIL_MAX_MESSAGE_MB: z.coerce.number().positive().default(40),
  MAIL_MAX_ATTACHMENT_MB: z.coerce.number().positive().default(15),
  MAIL_MAX_ATTACHMENTS: z.coerce.number().int().positive().default(20),
  MAIL_MAX_DOCX_UNCOMPRESSED_MB: z.coerce.number().positive().default(50),
});

/** The parsed configuration handed to the composition root. */
export interface SportelloConfig {
  readonly mode: 'development' | 'production';
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  readonly database: {
    /** null = the embedded PGlite in `embeddedDataDir`. */
    readonly url: string | null;
    readonly embeddedDataDir: string;
    readonly poolSize: number;
    readonly migrateOnStart: boolean;
    /** Load the demo data (default: only on the embedded database). */
    readonly demoData: boolean;
  };
  readonly mail: {
    /** The office's own addresses: mail from them is never answered. */
    readonly ownAddresses: readonly string[];
    readonly limits: MailLimits;
  };
}

/**
 * Parses the environment into a config; the only place that reads `process.env`. Every problem is
 * listed in one error so a misconfigured server tells everything at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): SportelloConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('invalid_configuration', `Invalid configuration: ${details.join('; ')}`, {
      details: { issues: details },
    });
  }
  const values = parsed.data;
  return {
    mode: values.SPORTELLO_MODE,
    http: { host: values.HTTP_HOST, port: values.HTTP_PORT },
    logLevel: values.LOG_LEVEL,
    database: {
      url: values.DATABASE_URL ?? null,
      embeddedDataDir: values.EMBEDDED_DATA_DIR,
      poolSize: values.DATABASE_POOL_SIZE,
      migrateOnStart: values.DATABASE_MIGRATE_ON_START,
      demoData: values.DEMO_DATA ?? values.DATABASE_URL === undefined,
    },
    mail: {
      ownAddresses: values.MAIL_OWN_ADDRESSES.split(',')
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean),
      limits: {
        ...defaultMailLimits,
        maxMessageBytes: megabytes(values.MAIL_MAX_MESSAGE_MB),
        maxAttachmentBytes: megabytes(values.MAIL_MAX_ATTACHMENT_MB),
        maxAttachments: values.MAIL_MAX_ATTACHMENTS,
        maxDocxUncompressedBytes: megabytes(values.MAIL_MAX_DOCX_UNCOMPRESSED_MB),
      },
    },
  };
}

function megabytes(value: number): number {
  return Math.round(value * 1024 * 1024);
}
