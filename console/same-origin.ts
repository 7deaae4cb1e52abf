import type { Request } from 'express';

/**
 * Whether a form post comes from the console's own pages: browsers send Origin on every POST, and
 * another site's page cannot forge it. With the session cookie's SameSite=Lax, a defence in depth
 * against cross-site requests.
 */
export function fromSameOrigin(request: Request): boolean {
  const origin = request.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === request.get('host');
  } catch {
    return false;
  }
}
