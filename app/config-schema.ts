import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Everything Sportello reads from its environment, parsed once at start-up. */
export const configSchema = z.object({
  // Unset: production, unless the HTTP server listens on loopback only.
  SPORTELLO_MODE: z.enum(['development', 'production']).optional(),
  SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK: booleanFlag.default(false),
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
  // L. 241/1990 art. 8 c. 2: the person responsible by name (lett. c), where to see the documents (lett. d).
  PROCEDURE_RESPONSIBLE_NAME: z.string().trim().min(1).optional(),
  PROCEDURE_RECORDS_OFFICE: z.string().trim().min(1).optional(),
  // true when the office has made Sportello's register of requests its protocol register.
  REQUEST_NUMBER_IS_PROTOCOL: booleanFlag.default(false),
  MAIL_MAX_REPLIES_PER_MUNICIPALITY_PER_HOUR: z.coerce.number().int().positive().default(500),
  // The office's receiving server, whose Authentication-Results headers are believed (RFC 8601).
  MAIL_AUTHSERV_ID: z.string().trim().toLowerCase().optional(),
  // Whose verdict on senders is believed; unset: authserv-id when MAIL_AUTHSERV_ID is set, else off.
  MAIL_AUTHENTICATION: z.enum(['authserv-id', 'exchange-online', 'off']).optional(),
  // AgID's index of PEC providers (LDIF) or a folder of <name>.pem + <name>.domains: unset, no PEC is certified.
  PEC_TRUSTED_PROVIDERS: z.string().trim().min(1).optional(),
  // A trusted list (ETSI TS 119 612, e.g. AgID's TSL-IT.xml): signed forms are checked for a qualified certificate.
  SIGNATURE_TRUSTED_LIST: z.string().trim().min(1).optional(),
  // SHA-256 (hex) of the certificate expected to sign that list: another signer is refused at start.
  SIGNATURE_TRUSTED_LIST_SIGNER_SHA256: z
    .string()
    .trim()
    .transform((value) => value.replace(/[:\s]/g, '').toLowerCase())
    .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 fingerprint, 64 hex digits'))
    .optional(),
  // Registers the fictitious office addresses of the 48 Comuni (comune.<nome>.cr.it): demo and tests only.
  DEMO_COUNTERPARTS: booleanFlag.optional(),
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
  // auto: scans are read with Tesseract (Italian) when installed; off: they always go to staff.
  MAIL_OCR: z.enum(['auto', 'off']).default('auto'),
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
  // The console's Teams tab SSO: Sportello's Entra ID application (client id; Application ID URI too).
  CONSOLE_SSO_CLIENT_ID: z.string().trim().optional(),
  CONSOLE_SSO_APPLICATION_ID_URI: z.string().trim().optional(),
  // The console's sign-in in a browser (Entra ID, OAuth2 code flow with PKCE): the application's secret.
  CONSOLE_ENTRA_CLIENT_SECRET: z.string().optional(),
  CONSOLE_SSO_JWKS_URL: z
    .string()
    .url()
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  CONTRACT_TEMPLATES_DIR: z.string().optional(),
  CONTRACT_PDF: z.enum(['auto', 'off']).default('auto'),
  DOCUMENT_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DOCUMENT_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SCHEDULER_ENABLED: booleanFlag.default(true),
  SCHEDULER_TICK_CRON: z.string().default('*/5 * * * *'),
});

/** The environment after parsing, before it is shaped into a {@link SportelloConfig}. */
export type ConfigValues = z.infer<typeof configSchema>;

/** A comma-separated setting as its items, trimmed, empty ones dropped. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
