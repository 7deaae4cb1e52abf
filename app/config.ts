import type { OutgoingServer } from '../mail/smtp/email-sender.js';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import { defaultMailLimits, type MailLimits } from '../mail/parsing/mail-limits.js';
import type { BotOptions } from '../bot/teams/bot-options.js';

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
  MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: z.coerce.number().int().positive().default(200),
  MAIL_FROM: z.string().default('Comunità Sociale Cremasca <amministrazione@comunitasocialecremasca.it>'),
  MAIL_WATCHER_ENABLED: booleanFlag.default(true),
  // One core stays for the event loop (bot, database, mailbox); 0 reads on the main thread.
  MAIL_READER_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .default(Math.max(1, Math.min(4, availableParallelism() - 1))),
  MAIL_READ_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(60),
  MAIL_READER_MEMORY_MB: z.coerce.number().int().min(128).default(1024),
  IMAP_HOST: z.string().default('127.0.0.1'),
  IMAP_PORT: port.default(10143),
  IMAP_SECURE: booleanFlag.default(false),
  IMAP_USER: z.string().default('amministrazione@comunitasocialecremasca.it'),
  IMAP_PASSWORD: z.string().optional(),
  IMAP_MAILBOX: z.string().default('INBOX'),
  IMAP_FOLDER_PROCESSED: z.string().default('Elaborati'),
  IMAP_FOLDER_STAFF: z.string().default('Da verificare'),
  IMAP_FOLDER_QUARANTINE: z.string().default('Quarantena'),
  IMAP_USE_IDLE: booleanFlag.default(true),
  IMAP_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  IMAP_AUTO_IDLE_DELAY_MS: z.coerce.number().int().min(10).default(50),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  LMTP_HOST: z.string().default('127.0.0.1'),
  LMTP_PORT: port.default(10024),
  OAUTH_TOKEN_URL: z.string().url().optional(),
  OAUTH_CLIENT_ID: z.string().optional(),
  OAUTH_CLIENT_SECRET: z.string().optional(),
  OAUTH_SCOPE: z.string().default('https://outlook.office365.com/.default'),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1_000),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  BOT_ENABLED: booleanFlag.default(true),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  CertificateThumbprint: z.string().optional(),
  CertificatePrivateKey: z.string().optional(),
  TEAMS_ALLOWED_TENANT_IDS: z.string().default(''),
  PUBLIC_BASE_URL: z.string().url().optional(),
  CONTRACT_TEMPLATES_DIR: z.string().optional(),
  CONTRACT_PDF: z.enum(['auto', 'off']).default('auto'),
  DOCUMENT_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DOCUMENT_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SCHEDULER_ENABLED: booleanFlag.default(true),
  SCHEDULER_TICK_CRON: z.string().default('*/5 * * * *'),
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
    readonly from: string;
    readonly maxRepliesPerSenderPerHour: number;
    readonly watcherEnabled: boolean;
    /** Threads that decode and triage messages (0: the main thread), with a time and memory limit each. */
    readonly reader: { readonly threads: number; readonly timeoutMs: number; readonly memoryMb: number };
    readonly imap: {
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly user: string;
      readonly password: string | null;
      readonly mailbox: string;
      readonly folders: { readonly processed: string; readonly staff: string; readonly quarantine: string };
      readonly useIdle: boolean;
      readonly pollIntervalMs: number;
      readonly autoIdleDelayMs: number;
    };
    /** Outgoing mail: an SMTP relay, or local LMTP delivery when no SMTP host is configured. */
    readonly outgoing: OutgoingServer;
    /** OAuth2 client credentials for IMAP and SMTP (Exchange Online), when configured. */
    readonly oauth: {
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope: string;
    } | null;
  };
  readonly bot: BotOptions & { readonly enabled: boolean };
  /** How staff reach Sportello's HTTP server (links in cards); defaults to the local address. */
  readonly publicBaseUrl: string | null;
  /** Who the office is in the messages it writes. */
  readonly office: { readonly messageIdDomain: string; readonly signature: readonly string[] };
  readonly documents: {
    /** Folder of the Word templates; null = the ones shipped in `documents/templates/`. */
    readonly templatesDir: string | null;
    /** Make a PDF copy of each contract when LibreOffice is installed. */
    readonly pdf: boolean;
    /** Signs the links to documents on the cards; random per start in development. */
    readonly linkSecret: string;
    readonly linkTtlDays: number;
  };
  readonly scheduler: { readonly enabled: boolean; readonly tickCron: string };
  readonly outbox: {
    readonly pollIntervalMs: number;
    readonly retryBaseMs: number;
    /** How long a claimed message waits before another worker may retry it (covers a crash). */
    readonly leaseMs: number;
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
  const oauth =
    values.OAUTH_CLIENT_ID && values.OAUTH_CLIENT_SECRET && values.OAUTH_TOKEN_URL
      ? {
          tokenUrl: values.OAUTH_TOKEN_URL,
          clientId: values.OAUTH_CLIENT_ID,
          clientSecret: values.OAUTH_CLIENT_SECRET,
          scope: values.OAUTH_SCOPE,
        }
      : null;
  const production = values.SPORTELLO_MODE === 'production';
  const problems: string[] = [];
  if (production && values.MAIL_WATCHER_ENABLED && !oauth && !values.IMAP_PASSWORD) {
    problems.push(
      'IMAP_PASSWORD or OAUTH_CLIENT_ID/OAUTH_CLIENT_SECRET/OAUTH_TOKEN_URL: required in production',
    );
  }
  if (production && !values.SMTP_HOST) problems.push('SMTP_HOST: required in production');
  if (production && !values.DOCUMENT_LINK_SECRET)
    problems.push('DOCUMENT_LINK_SECRET: required in production');
  if (production && !values.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required in production');
  if (problems.length > 0) {
    throw new AppError('invalid_configuration', `Invalid configuration: ${problems.join('; ')}`, {
      details: { issues: problems },
    });
  }
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
      from: values.MAIL_FROM,
      maxRepliesPerSenderPerHour: values.MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR,
      watcherEnabled: values.MAIL_WATCHER_ENABLED,
      reader: {
        threads: values.MAIL_READER_THREADS,
        timeoutMs: values.MAIL_READ_TIMEOUT_SECONDS * 1000,
        memoryMb: values.MAIL_READER_MEMORY_MB,
      },
      imap: {
        host: values.IMAP_HOST,
        port: values.IMAP_PORT,
        secure: values.IMAP_SECURE,
        user: values.IMAP_USER,
        // The local development mailbox (dev-services) accepts any user with this password.
        password: values.IMAP_PASSWORD ?? (production ? null : 'secret'),
        mailbox: values.IMAP_MAILBOX,
        folders: {
          processed: values.IMAP_FOLDER_PROCESSED,
          staff: values.IMAP_FOLDER_STAFF,
          quarantine: values.IMAP_FOLDER_QUARANTINE,
        },
        useIdle: values.IMAP_USE_IDLE,
        pollIntervalMs: values.IMAP_POLL_INTERVAL_MS,
        autoIdleDelayMs: values.IMAP_AUTO_IDLE_DELAY_MS,
      },
      outgoing: values.SMTP_HOST
        ? {
            kind: 'smtp',
            host: values.SMTP_HOST,
            port: values.SMTP_PORT,
            secure: values.SMTP_SECURE,
            user: values.SMTP_USER ?? null,
            password: values.SMTP_PASSWORD ?? null,
          }
        : { kind: 'lmtp', host: values.LMTP_HOST, port: values.LMTP_PORT },
      oauth,
    },
    bot: {
      enabled: values.BOT_ENABLED,
      mode: values.SPORTELLO_MODE,
      appId: values.MicrosoftAppId || null,
      appPassword: values.MicrosoftAppPassword || null,
      certificateThumbprint: values.CertificateThumbprint || null,
      certificatePrivateKey: values.CertificatePrivateKey || null,
      appType: values.MicrosoftAppType ?? (production ? 'SingleTenant' : 'MultiTenant'),
      tenantId: values.MicrosoftAppTenantId || null,
      allowedTenantIds: values.TEAMS_ALLOWED_TENANT_IDS.split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    },
    publicBaseUrl: values.PUBLIC_BASE_URL ?? null,
    office: {
      messageIdDomain: 'sportello.comunitasocialecremasca.it',
      signature: [
        'Ufficio Amministrazione',
        'Comunità Sociale Cremasca a.s.c.',
        'Via Goldaniga 11, 26013 Crema (CR)',
      ],
    },
    documents: {
      templatesDir: values.CONTRACT_TEMPLATES_DIR ?? null,
      pdf: values.CONTRACT_PDF === 'auto',
      linkSecret: values.DOCUMENT_LINK_SECRET ?? randomBytes(32).toString('base64url'),
      linkTtlDays: values.DOCUMENT_LINK_TTL_DAYS,
    },
    scheduler: { enabled: values.SCHEDULER_ENABLED, tickCron: values.SCHEDULER_TICK_CRON },
    outbox: {
      pollIntervalMs: values.OUTBOX_POLL_INTERVAL_MS,
      retryBaseMs: values.OUTBOX_RETRY_BASE_MS,
      leaseMs: values.OUTBOX_LEASE_MS,
    },
  };
}

function megabytes(value: number): number {
  return Math.round(value * 1024 * 1024);
}
