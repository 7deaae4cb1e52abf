import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a console session belongs to, until when. */
export interface ConsoleSession {
  readonly teamsUserId: string;
  readonly expiresAt: number;
}

/** How long a session lasts: a working day. */
export const sessionLifetimeMs = 8 * 3_600_000;
export const sessionCookie = 'sportello_console';

/**
 * Console sessions as a signed cookie (HMAC-SHA256 of the user and the expiry): nothing is kept on
 * the server, a forged or expired cookie is refused, and a new secret at restart ends every session.
 */
export class ConsoleSessions {
  constructor(
    private readonly secret: string,
    private readonly clock: () => number = Date.now,
  ) {}

  issue(teamsUserId: string): string {
    const payload = Buffer.from(
      JSON.stringify({ u: teamsUserId, e: this.clock() + sessionLifetimeMs }),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The session of a cookie value, or null when it is missing, forged or expired. */
  read(cookie: string | undefined): ConsoleSession | null {
    if (!cookie) return null;
    const [payload, signature] = cookie.split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const { u, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        u?: unknown;
        e?: unknown;
      };
      if (typeof u !== 'string' || typeof e !== 'number' || e <= this.clock()) return null;
      return { teamsUserId: u, expiresAt: e };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`console:${payload}`).digest('base64url');
  }
}

/** A cookie of a request (the console's own few; nothing else is read from the header). */
export function cookieOf(
  request: { headers: { cookie?: string | undefined } },
  name: string,
): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
