/** How long a PEC may take from the sender's provider to the office's mailbox (the system's 24 h, doubled). */
const longestPecTransitMs = 48 * 3_600_000;
/** Clocks of different servers disagree a little. */
const clockSkewMs = 5 * 60_000;

/**
 * The legal time of receipt, from which the terms of the procedure run (L. 241/1990 art. 2 and 8):
 * a verified PEC's certified time (daticert.xml), provided it fits its arrival at the office's
 * server; otherwise the server's own time of receipt (IMAP INTERNALDATE). Never the `Date` header,
 * which the sender writes.
 */
export function legalReceiptTime(certifiedAt: Date | null, deliveredAt: Date): Date {
  if (!certifiedAt) return deliveredAt;
  const transit = deliveredAt.getTime() - certifiedAt.getTime();
  return transit >= -clockSkewMs && transit <= longestPecTransitMs ? certifiedAt : deliveredAt;
}
