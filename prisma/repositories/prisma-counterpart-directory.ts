import type { Counterpart, CounterpartDirectory } from '../../services/intake/counterpart-directory.js';
import type { RecipientRegistry } from '../../services/outbox/registered-recipients-only.js';
import type { Database } from '../database/database.js';

/** How long the registry read from the database is used before it is read again. */
const freshForMs = 10_000;

interface Registry {
  readonly byAddress: ReadonlyMap<string, Counterpart>;
  readonly readAt: number;
}

/**
 * The registry of counterparts in the database: `counterpart_address` (mailboxes and domains of the
 * Comuni and providers) and the providers' own addresses on file. A mailbox registered by itself
 * wins over its domain. The registry is a few hundred rows that change a few times a year: it is
 * read whole, at most every ten seconds, so that a backlog of mail costs no query per message.
 */
export class PrismaCounterpartDirectory implements CounterpartDirectory, RecipientRegistry {
  private registry: Promise<Registry> | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  async registered(addresses: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set((await this.whoAre(addresses)).keys());
  }

  async whoAre(addresses: readonly string[]): Promise<ReadonlyMap<string, Counterpart>> {
    const { byAddress } = await this.current();
    const found = new Map<string, Counterpart>();
    for (const raw of addresses) {
      const mailbox = raw.trim().toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(mailbox)) continue;
      const entry = byAddress.get(mailbox) ?? byAddress.get(mailbox.slice(mailbox.indexOf('@') + 1));
      if (entry) found.set(mailbox, entry);
    }
    return found;
  }

  private async current(): Promise<Registry> {
    const cached = this.registry ? await this.registry.catch(() => null) : null;
    if (cached && this.clock() - cached.readAt < freshForMs) return cached;
    this.registry = this.read();
    return this.registry;
  }

  private async read(): Promise<Registry> {
    const readAt = this.clock();
    const [registered, providers] = await Promise.all([
      this.database.prisma.counterpartAddress.findMany({
        select: { address: true, municipalityId: true, providerId: true, pec: true },
      }),
      this.database.prisma.provider.findMany({ select: { id: true, email: true, pec: true } }),
    ]);
    const byAddress = new Map<string, Counterpart>();
    // Providers' addresses on file first: an entry of the registry for the same address wins.
    for (const provider of providers) {
      for (const [address, pec] of [
        [provider.email, false],
        [provider.pec, true],
      ] as const) {
        if (address) byAddress.set(address.toLowerCase(), { kind: 'provider', providerId: provider.id, pec });
      }
    }
    for (const row of registered) {
      if (row.municipalityId)
        byAddress.set(row.address, {
          kind: 'municipality',
          municipalityId: row.municipalityId,
          pec: row.pec,
        });
      else if (row.providerId)
        byAddress.set(row.address, { kind: 'provider', providerId: row.providerId, pec: row.pec });
    }
    return { byAddress, readAt };
  }
}
