import { consoleSsoConfig, type ConsoleSsoConfig } from './console-sso-config.js';
import { randomBytes } from 'node:crypto';
import { commaList, configSchema, type ConfigValues } from './config-schema.js';
import { mailConfig, type MailConfig } from './mail-config.js';
import { AppError } from '../domain/app-error.js';
import { missingBotCredentials, type BotOptions } from '../bot/teams/bot-options.js';
import { defaultNoticeOffice, type NoticeOffice } from '../services/intake/procedure-notice.js';
import type { RegisterOffice } from '../domain/register/segnatura.js';
import type { RetentionPeriods } from '../services/retention/retention.js';
import type { MetricsConfig } from './metrics.js';
import { registerOffice } from './register-config-schema.js';

/** The office's name as its letters, registers and segnature give it. */
const officeName = 'Comunità Sociale Cremasca a.s.c.';

/** The parsed configuration handed to the composition root. */
export interface SportelloConfig {
  readonly mode: 'development' | 'production';
  /** Development mode on an address others can reach, forced on purpose: logged loudly at start. */
  readonly developmentOnNetwork: boolean;
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: ConfigValues['LOG_LEVEL'];
  readonly database: {
    /** null = the embedded PGlite in `embeddedDataDir`. */
    readonly url: string | null;
    readonly embeddedDataDir: string;
    readonly poolSize: number;
    readonly migrateOnStart: boolean;
    /** Load the demo data (default: only on the embedded database). */
    readonly demoData: boolean;
    /** The demo registry of counterparts (fictitious Comune addresses); never in production. */
    readonly demoCounterparts: boolean;
  };
  readonly mail: MailConfig;
  readonly bot: BotOptions & { readonly enabled: boolean };
  /** How staff reach Sportello's HTTP server (links in cards); defaults to the local address. */
  readonly publicBaseUrl: string | null;
  /** The console's Teams tab SSO and browser sign-in. */
  readonly consoleSso: ConsoleSsoConfig;
  /** Who the office is in the messages it writes. */
  readonly office: {
    readonly name: string;
    readonly messageIdDomain: string;
    readonly signature: readonly string[];
    /** How the start-of-procedure notice presents the office (L. 241/1990 art. 8 c. 2). */
    readonly notice: NoticeOffice;
    /** The office in its protocol system (segnatura.xml); null while its IPA codes are not set. */
    readonly register: RegisterOffice | null;
  };
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
  /** How long personal data is kept (issue 26; docs/register.md). */
  readonly retention: RetentionPeriods;
  readonly metrics: MetricsConfig;
  /** The nightly backup's folder and how many days of backups it keeps. */
  readonly backup: { readonly dir: string; readonly keepDays: number };
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
  // An installation's settings file lists every value to fill as `NAME=`: empty means not set.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw invalidConfiguration(details);
  }
  const values = parsed.data;
  const mode = values.SPORTELLO_MODE ?? (isLoopback(values.HTTP_HOST) ? 'development' : 'production');
  const production = mode === 'production';
  const oauth = oauthConfig(values);
  const problems = productionProblems(values, production, oauth !== null);
  if (!production && !isLoopback(values.HTTP_HOST) && !values.SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK) {
    problems.push(
      `SPORTELLO_MODE=development on HTTP_HOST=${values.HTTP_HOST}: development mode checks no token and ` +
        'believes any caller; listen on 127.0.0.1, use production, or force it with SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK=true',
    );
  }
  // The bot's own credentials too, so that one message lists everything an installation lacks.
  if (values.BOT_ENABLED)
    for (const missing of missingBotCredentials(botConfig(values, mode)))
      problems.push(`${missing}: required in production`);
  if (values.MAIL_AUTHENTICATION === 'authserv-id' && !values.MAIL_AUTHSERV_ID)
    problems.push('MAIL_AUTHENTICATION=authserv-id: MAIL_AUTHSERV_ID must name the receiving server');
  if (problems.length > 0) throw invalidConfiguration(problems);
  return {
    mode,
    developmentOnNetwork: !production && !isLoopback(values.HTTP_HOST),
    http: { host: values.HTTP_HOST, port: values.HTTP_PORT },
    logLevel: values.LOG_LEVEL,
    database: {
      url: values.DATABASE_URL ?? null,
      embeddedDataDir: values.EMBEDDED_DATA_DIR,
      poolSize: values.DATABASE_POOL_SIZE,
      migrateOnStart: values.DATABASE_MIGRATE_ON_START,
      demoData: values.DEMO_DATA ?? values.DATABASE_URL === undefined,
      demoCounterparts:
        values.DEMO_COUNTERPARTS ?? (!production && (values.DEMO_DATA ?? values.DATABASE_URL === undefined)),
    },
    mail: mailConfig(values, production, oauth),
    bot: botConfig(values, mode),
    consoleSso: consoleSsoConfig(values, commaList(values.TEAMS_ALLOWED_TENANT_IDS)),
    publicBaseUrl: values.PUBLIC_BASE_URL ?? null,
    office: {
      name: officeName,
      messageIdDomain: 'sportello.comunitasocialecremasca.it',
      signature: ['Ufficio Amministrazione', officeName, 'Via Goldaniga 11, 26013 Crema (CR)'],
      notice: {
        numberLabel: values.REQUEST_NUMBER_IS_PROTOCOL ? 'protocollo' : 'pratica',
        responsibleName: values.PROCEDURE_RESPONSIBLE_NAME ?? null,
        recordsOffice: values.PROCEDURE_RECORDS_OFFICE ?? defaultNoticeOffice.recordsOffice,
      },
      register: registerOffice(values, officeName),
    },
    documents: {
      templatesDir: values.CONTRACT_TEMPLATES_DIR ?? null,
      pdf: values.CONTRACT_PDF === 'auto',
      linkSecret: values.DOCUMENT_LINK_SECRET ?? randomBytes(32).toString('base64url'),
      linkTtlDays: values.DOCUMENT_LINK_TTL_DAYS,
    },
    scheduler: { enabled: values.SCHEDULER_ENABLED, tickCron: values.SCHEDULER_TICK_CRON },
    metrics: {
      prometheus: values.METRICS_PROMETHEUS,
      token: values.METRICS_TOKEN ?? null,
      otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
      otlpIntervalMs: values.OTEL_METRIC_EXPORT_INTERVAL,
    },
    backup: { dir: values.BACKUP_DIR, keepDays: values.BACKUP_KEEP_DAYS },
    retention: {
      rawDays: values.RETENTION_RAW_DAYS,
      years: values.RETENTION_YEARS,
      readLogMonths: values.RETENTION_READ_LOG_MONTHS,
    },
    outbox: {
      pollIntervalMs: values.OUTBOX_POLL_INTERVAL_MS,
      retryBaseMs: values.OUTBOX_RETRY_BASE_MS,
      leaseMs: values.OUTBOX_LEASE_MS,
    },
  };
}

function invalidConfiguration(problems: string[]): AppError {
  return new AppError('invalid_configuration', `Invalid configuration: ${problems.join('; ')}`, {
    details: { issues: problems },
  });
}

function oauthConfig(values: ConfigValues): SportelloConfig['mail']['oauth'] {
  if (!values.OAUTH_CLIENT_ID || !values.OAUTH_CLIENT_SECRET || !values.OAUTH_TOKEN_URL) return null;
  return {
    tokenUrl: values.OAUTH_TOKEN_URL,
    clientId: values.OAUTH_CLIENT_ID,
    clientSecret: values.OAUTH_CLIENT_SECRET,
    scope: values.OAUTH_SCOPE,
  };
}

/** What production cannot run without: credentials, a real relay, signed links, a public address. */
function productionProblems(values: ConfigValues, production: boolean, hasOauth: boolean): string[] {
  if (!production) return [];
  const problems: string[] = [];
  if (values.MAIL_WATCHER_ENABLED && !hasOauth && !values.IMAP_PASSWORD) {
    problems.push(
      'IMAP_PASSWORD or OAUTH_CLIENT_ID/OAUTH_CLIENT_SECRET/OAUTH_TOKEN_URL: required in production',
    );
  }
  if (!values.SMTP_HOST) problems.push('SMTP_HOST: required in production');
  if (!values.DOCUMENT_LINK_SECRET) problems.push('DOCUMENT_LINK_SECRET: required in production');
  if (values.METRICS_PROMETHEUS && !values.METRICS_TOKEN)
    problems.push('METRICS_TOKEN: required in production when METRICS_PROMETHEUS is on');
  if (!values.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required in production');
  if (!values.PROCEDURE_RESPONSIBLE_NAME)
    problems.push(
      'PROCEDURE_RESPONSIBLE_NAME: required in production (the notice names the person responsible, L. 241/1990 art. 8)',
    );
  if (values.DEMO_COUNTERPARTS)
    problems.push(
      'DEMO_COUNTERPARTS: not allowed in production (it registers fictitious Comune addresses Sportello would write to)',
    );
  return problems;
}

function botConfig(values: ConfigValues, mode: SportelloConfig['mode']): SportelloConfig['bot'] {
  const production = mode === 'production';
  return {
    enabled: values.BOT_ENABLED,
    mode,
    appId: values.MicrosoftAppId || null,
    appPassword: values.MicrosoftAppPassword || null,
    certificateThumbprint: values.CertificateThumbprint || null,
    certificatePrivateKey: values.CertificatePrivateKey || null,
    appType: values.MicrosoftAppType ?? (production ? 'SingleTenant' : 'MultiTenant'),
    tenantId: values.MicrosoftAppTenantId || null,
    allowedTenantIds: commaList(values.TEAMS_ALLOWED_TENANT_IDS),
  };
}

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
