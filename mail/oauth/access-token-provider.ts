import { AppError } from '../../domain/app-error.js';

/** Gives a valid OAuth2 access token for IMAP/SMTP (XOAUTH2), renewing it when asked or expired. */
export interface AccessTokenProvider {
  token(forceRenew?: boolean): Promise<string>;
}

export interface ClientCredentialsOptions {
  /** e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** e.g. https://outlook.office365.com/.default for Exchange Online shared mailboxes */
  readonly scope: string;
}

/**
 * OAuth2 client-credentials flow (RFC 6749 §4.4), as Exchange Online requires for an application
 * reading a shared mailbox: Microsoft no longer accepts basic authentication for IMAP and SMTP.
 */
export class ClientCredentialsTokenProvider implements AccessTokenProvider {
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly options: ClientCredentialsOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  async token(forceRenew = false): Promise<string> {
    // Renew a minute early so that a token never expires in the middle of a login.
    if (!forceRenew && this.cached && this.cached.expiresAt - 60_000 > this.clock()) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        scope: this.options.scope,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!response.ok || !body.access_token) {
      throw new AppError(
        'invalid_configuration',
        `OAuth2 token request failed: ${response.status} ${body.error ?? ''}`,
        {
          userMessage:
            "Non è stato possibile ottenere l'autorizzazione OAuth2 per la casella di posta: verificare le credenziali dell'applicazione.",
        },
      );
    }
    this.cached = { token: body.access_token, expiresAt: this.clock() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }
}
