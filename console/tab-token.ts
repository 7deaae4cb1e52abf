import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** How the Teams tab's SSO token is checked: for which application, from which tenants, with which keys. */
export interface TabTokenCheck {
  /** The audiences of Sportello's Entra ID application (its client id and Application ID URI). */
  readonly audiences: readonly string[];
  /** Only these tenants' users sign in (the office's). */
  readonly allowedTenantIds: readonly string[];
  /** Entra ID's signing keys (its JWKS). */
  readonly keys: JWTVerifyGetKey;
}

/** Who a valid token says the user is. */
export interface TabIdentity {
  readonly aadObjectId: string;
  readonly userPrincipalName: string | null;
  readonly tenantId: string;
}

/** Entra ID's signing keys, fetched and cached by jose (refreshed when a new key id appears). */
export function entraKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
}

/**
 * Checks the token the Teams JS SDK gives the tab (`authentication.getAuthToken()`): its signature
 * by Entra ID's keys, RS256 only, its audience (Sportello's application), its expiry (one minute
 * of clock skew), its tenant (the allow-list) and that its issuer is that tenant's Entra ID (v1 or
 * v2 endpoint). Anything else is null: the console then refuses.
 */
export async function verifyTabToken(token: string, check: TabTokenCheck): Promise<TabIdentity | null> {
  if (check.audiences.length === 0 || check.allowedTenantIds.length === 0) return null;
  try {
    const { payload } = await jwtVerify(token, check.keys, {
      audience: [...check.audiences],
      algorithms: ['RS256'],
      clockTolerance: 60,
      requiredClaims: ['exp', 'iat', 'tid', 'oid', 'iss'],
    });
    const tenantId = String(payload['tid']);
    if (!check.allowedTenantIds.includes(tenantId)) return null;
    const issuers = [
      `https://login.microsoftonline.com/${tenantId}/v2.0`,
      `https://sts.windows.net/${tenantId}/`,
    ];
    if (!issuers.includes(String(payload.iss))) return null;
    const name = payload['preferred_username'] ?? payload['upn'];
    return {
      aadObjectId: String(payload['oid']),
      userPrincipalName: typeof name === 'string' ? name : null,
      tenantId,
    };
  } catch {
    return null;
  }
}
