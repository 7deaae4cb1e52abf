import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to a contract's document, for the approval card (Teams cannot carry a
 * file in a proactive card). The link names no person; whoever holds it can download the file
 * until it expires, so it lives only in the staff's cards.
 */
export class DocumentLinks {
  constructor(
    /** Read when a link is made: the server's address is known only once it listens. */
    private readonly baseUrl: () => string,
    private readonly secret: string,
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}

  urlFor(contractId: string, kind: 'docx' | 'pdf'): string {
    const expires = Math.floor((this.clock().getTime() + this.ttlMs) / 1000);
    const signature = this.sign(contractId, kind, expires);
    return `${this.baseUrl().replace(/\/$/, '')}/documenti/contratti/${contractId}.${kind}?scadenza=${expires}&firma=${signature}`;
  }

  /** True when the link was made here and has not expired. */
  verify(contractId: string, kind: string, expires: string, signature: string): boolean {
    const expiresAt = Number(expires);
    if (!Number.isInteger(expiresAt) || expiresAt * 1000 < this.clock().getTime()) return false;
    const expected = Buffer.from(this.sign(contractId, kind, expiresAt));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(contractId: string, kind: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${contractId}.${kind}.${expires}`).digest('base64url');
  }
}
