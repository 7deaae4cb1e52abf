import { z } from 'zod';
import { booleanFlag, mailConfigFields, port } from './mail-config-schema.js';
import { registerConfigFields } from './register-config-schema.js';
import { metricsConfigFields } from './metrics-config-schema.js';
import { backupConfigFields } from './backup-config-schema.js';

/** Everything Sportello reads from its environment, parsed once at start-up. */
export const configSchema = z.object({
  SPORTELLO_MODE: z
    .enum(['development', 'production'])
    .optional()
    .describe(
      '`production` enforces credentials and token checks; `development` accepts unauthenticated activities and answers only to a `serviceUrl` on this machine. Unset: `development` on a loopback `HTTP_HOST`, else `production`',
    ),
  SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK: booleanFlag
    .default(false)
    .describe(
      'development mode on a non-loopback `HTTP_HOST` is refused unless this is `true` (then logged as a warning at start)',
    ),
  HTTP_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('address of the HTTP server (health, bot endpoint, console)'),
  HTTP_PORT: port.default(3978).describe('its port'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level; personal data is redacted in every log line'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .describe('a `postgresql://` URL; without it Sportello runs the embedded PGlite'),
  EMBEDDED_DATA_DIR: z
    .string()
    .default('./data/pglite')
    .describe('data directory of the embedded database (one process at a time)'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe('connections of the application pool'),
  DATABASE_MIGRATE_ON_START: booleanFlag
    .default(false)
    .describe(
      'with `DATABASE_URL`, apply migrations at start (the embedded database always does); with several replicas run `npm run db:migrate` once per release instead',
    ),
  DEMO_DATA: booleanFlag
    .optional()
    .describe(
      "load the demo Comuni' projects, providers and Teams users (marked as demo). Unset: on for the embedded database",
    ),
  DEMO_COUNTERPARTS: booleanFlag
    .optional()
    .describe(
      'register the fictitious offices of the 48 Comuni (`comune.<nome>.cr.it`, `pec.comune.<nome>.cr.it`, notices to `servizi.sociali@comune.<nome>.cr.it`); refused in production. Unset: as `DEMO_DATA`',
    ),
  BOT_ENABLED: booleanFlag
    .default(true)
    .describe("serve `/api/messages` and deliver the outbox's Teams messages"),
  MicrosoftAppId: z
    .string()
    .optional()
    .describe(
      "the bot's Entra ID app registration; required in production (without it: local mode, no tokens, for the Agents Playground)",
    ),
  MicrosoftAppPassword: z
    .string()
    .optional()
    .describe('its secret; this or a certificate is required in production'),
  MicrosoftAppType: z
    .enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'])
    .optional()
    .describe('production accepts only `SingleTenant`. Unset: `SingleTenant` in production'),
  MicrosoftAppTenantId: z.string().optional().describe('the tenant of a single-tenant registration'),
  CertificateThumbprint: z
    .string()
    .optional()
    .describe("the bot's certificate credential (with `CertificatePrivateKey`)"),
  CertificatePrivateKey: z.string().optional().describe('its private key'),
  TEAMS_ALLOWED_TENANT_IDS: z
    .string()
    .default('')
    .describe('comma-separated tenants whose activities are accepted; required in production'),
  CONSOLE_SSO_CLIENT_ID: z
    .string()
    .trim()
    .optional()
    .describe(
      "the console's Teams tab SSO: Sportello's Entra ID application (client id); unset: no tab sign-in",
    ),
  CONSOLE_SSO_APPLICATION_ID_URI: z
    .string()
    .trim()
    .optional()
    .describe("its Application ID URI (the token's other audience)"),
  CONSOLE_ENTRA_CLIENT_SECRET: z
    .string()
    .optional()
    .describe(
      "the console's sign-in in a browser in production (Entra ID, code flow with PKCE), with the SSO application and `PUBLIC_BASE_URL`",
    ),
  CONSOLE_SSO_JWKS_URL: z
    .string()
    .url()
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys')
    .describe("the keys that sign Entra ID's tokens"),
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'the address Teams and browsers reach Sportello at (manifest, links in cards); required in production',
    ),
  CONTRACT_TEMPLATES_DIR: z
    .string()
    .optional()
    .describe(
      'the Word templates of the contract, one per service family (checked at start). Unset: `documents/templates`',
    ),
  CONTRACT_PDF: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe('`auto`: also a PDF copy when LibreOffice (`soffice`) is installed; `off`: DOCX only'),
  DOCUMENT_LINK_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .describe(
      'key signing the document links on the cards (≥ 32 characters); required in production, so links survive restarts and work on every replica. Unset: random at each start',
    ),
  DOCUMENT_LINK_TTL_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe('how long such a link opens the document'),
  SCHEDULER_ENABLED: booleanFlag
    .default(true)
    .describe('run the calendar (pg-boss in the same database); several replicas may all run it'),
  SCHEDULER_TICK_CRON: z
    .string()
    .default('*/5 * * * *')
    .describe('how often the calendar turns (Europe/Rome); it also turns at every start'),
  ...mailConfigFields,
  ...registerConfigFields,
  ...metricsConfigFields,
  ...backupConfigFields,
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
