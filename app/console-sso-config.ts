import type { ConfigValues } from './config-schema.js';

/** The console's Teams tab SSO; null when no Entra ID application is configured (no tab sign-in). */
export type ConsoleSsoConfig = {
  readonly audiences: readonly string[];
  readonly allowedTenantIds: readonly string[];
  readonly jwksUrl: string;
  /** For the sign-in in a browser: the application's secret and its tenant (absent: Teams only). */
  readonly browser: { readonly clientSecret: string; readonly tenantId: string } | null;
} | null;

/** Sportello's Entra ID application for the console, from the parsed environment. */
export function consoleSsoConfig(
  values: ConfigValues,
  allowedTenantIds: readonly string[],
): ConsoleSsoConfig {
  if (!values.CONSOLE_SSO_CLIENT_ID) return null;
  return {
    audiences: [values.CONSOLE_SSO_CLIENT_ID, values.CONSOLE_SSO_APPLICATION_ID_URI].filter(
      (audience): audience is string => !!audience,
    ),
    allowedTenantIds,
    jwksUrl: values.CONSOLE_SSO_JWKS_URL,
    browser:
      values.CONSOLE_ENTRA_CLIENT_SECRET && values.MicrosoftAppTenantId
        ? { clientSecret: values.CONSOLE_ENTRA_CLIENT_SECRET, tenantId: values.MicrosoftAppTenantId }
        : null,
  };
}
