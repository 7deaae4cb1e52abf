import { protocolNumber } from '../../domain/requests/protocol-number.js';
import type { Prisma } from '../generated/client.js';

/**
 * Takes the next protocol number of `year` inside the caller's transaction. The counter row stays
 * locked until commit, so concurrent requests queue and a rolled-back request gives its number back.
 */
export async function nextProtocolNumber(
  tx: Prisma.TransactionClient,
  year: number,
): Promise<{ number: number; protocol: string }> {
  const rows = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO protocol_counter (year, last_number) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_number = protocol_counter.last_number + 1
    RETURNING last_number`;
  const taken = protocolNumber(year, Number(rows[0]?.last_number));
  return { number: taken.number, protocol: taken.text };
}
