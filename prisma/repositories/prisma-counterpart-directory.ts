import type { Counterpart, CounterpartDirectory } from '../../services/intake/counterpart-directory.js';
import type { RecipientRegistry } from '../../services/outbox/registered-recipients-only.js';
import type { Database } from '../database/database.js';

/**
 * The registry of counterparts in the database: `counterpart_address` (mailboxes and domains of the
 * Comuni and providers) and the providers' own addresses on file. A mailbox registered by itself
 * wins over its domain.
 */
export class PrismaCounterpartDirectory implements CounterpartDirectory, RecipientRegistry {
  constructor(private readonly database: Database) {}

  async registered(addresses: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set((await this.whoAre(addresses)).keys());
  }

  async whoAre(addresses: readonly string[]): Promise<ReadonlyMap<string, Counterpart>> {
    const mailboxes = [...new Set(addresses.map((address) => address.trim().toLowerCase()))].filter(
      (address) => /^[^@\s]+@[^@\s]+$/.test(address),
    );
    const found = new Map<string, Counterpart>();
    if (mailboxes.length === 0) return found;
    const domains = mailboxes.map((address) => address.slice(address.indexOf('@') + 1));
    const [registered, providers] = await Promise.all([
      this.database.prisma.counterpartAddress.findMany({
        where: { address: { in: [...mailboxes, ...domains] } },
        select: { address: true, municipalityId: true, providerId: true, pec: true },
      }),
      // A few dozen providers: read whole and compared lower-case, as addresses on file may be capitalised.
      this.database.prisma.provider.findMany({ select: { id: true, email: true, pec: true } }),
    ]);
    const byAddress = new Map(registered.map((row) => [row.address, row]));
    for (const mailbox of mailboxes) {
      const row = byAddress.get(mailbox) ?? byAddress.get(mailbox.slice(mailbox.indexOf('@') + 1));
      if (row?.municipalityId) {
        found.set(mailbox, { kind: 'municipality', municipalityId: row.municipalityId, pec: row.pec });
        continue;
      }
      if (row?.providerId) {
        found.set(mailbox, { kind: 'provider', providerId: row.providerId, pec: row.pec });
        continue;
      }
      const provider = providers.find(
        (candidate) => candidate.email.toLowerCase() === mailbox || candidate.pec?.toLowerCase() === mailbox,
      );
      if (provider)
        found.set(mailbox, {
          kind: 'provider',
          providerId: provider.id,
          pec: provider.pec?.toLowerCase() === mailbox,
        });
    }
    return found;
  }
}
