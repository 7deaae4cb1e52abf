import { AppError } from '../../domain/app-error.js';

/** How the bot authenticates with the Bot Framework. */
export interface BotOptions {
  readonly mode: 'development' | 'production';
  readonly appId: string | null;
  readonly appPassword: string | null;
  readonly certificateThumbprint: string | null;
  readonly certificatePrivateKey: string | null;
  readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  readonly tenantId: string | null;
  /** Tenants whose users may talk to the bot; required in production. */
  readonly allowedTenantIds: readonly string[];
}

/** What the production bot lacks of its app credentials, single-tenant settings and tenant allow-list. */
export function missingBotCredentials(options: BotOptions): string[] {
  if (options.mode !== 'production') return [];
  const missing: string[] = [];
  if (!options.appId) missing.push('MicrosoftAppId');
  if (!options.appPassword && !(options.certificateThumbprint && options.certificatePrivateKey)) {
    missing.push('MicrosoftAppPassword (o certificato)');
  }
  if (options.appType !== 'SingleTenant') missing.push('MicrosoftAppType=SingleTenant');
  if (!options.tenantId) missing.push('MicrosoftAppTenantId');
  if (options.allowedTenantIds.length === 0) missing.push('TEAMS_ALLOWED_TENANT_IDS');
  return missing;
}

/**
 * In production the bot refuses to start without its app credentials, single-tenant settings and
 * an allow-list of tenants: without them the adapter would accept unauthenticated requests.
 */
export function assertBotCredentials(options: BotOptions): void {
  const missing = missingBotCredentials(options);
  if (missing.length > 0) {
    throw new AppError('invalid_configuration', `Production bot without ${missing.join(', ')}`, {
      userMessage: `Il bot Teams non può partire in produzione: mancano ${missing.join(', ')}.`,
      details: { missing },
    });
  }
}

/** The options object botbuilder's authentication reads (empty in local mode: no token checks). */
export function botFrameworkAuthConfig(options: BotOptions): Record<string, string> {
  if (!options.appId) return {};
  return {
    MicrosoftAppId: options.appId,
    MicrosoftAppType: options.appType,
    ...(options.appPassword ? { MicrosoftAppPassword: options.appPassword } : {}),
    ...(options.certificateThumbprint ? { CertificateThumbprint: options.certificateThumbprint } : {}),
    ...(options.certificatePrivateKey ? { CertificatePrivateKey: options.certificatePrivateKey } : {}),
    ...(options.tenantId ? { MicrosoftAppTenantId: options.tenantId } : {}),
  };
}
