import { AppError } from '../../domain/app-error.js';
import type {
  CounterpartEntry,
  CounterpartStore,
  NewCounterpartEntry,
} from '../../services/counterparts/manage-counterparts.js';
import type { Database } from '../database/database.js';
import { Prisma } from '../generated/client.js';

/** The registry of counterparts as staff edit it, each change audited in the same transaction. */
export class PrismaCounterpartStore implements CounterpartStore {
  constructor(private readonly database: Database) {}

  async list(): Promise<CounterpartEntry[]> {
    const rows = await this.database.prisma.counterpartAddress.findMany({
      select: {
        address: true,
        pec: true,
        receivesNotices: true,
        isDemo: true,
        municipality: { select: { name: true } },
        provider: { select: { name: true } },
      },
      orderBy: [{ municipality: { name: 'asc' } }, { provider: { name: 'asc' } }, { address: 'asc' }],
    });
    return rows.map((row) => ({
      address: row.address,
      owner: row.municipality ? `Comune di ${row.municipality.name}` : (row.provider?.name ?? '—'),
      pec: row.pec,
      receivesNotices: row.receivesNotices,
      isDemo: row.isDemo,
    }));
  }

  async add(entry: NewCounterpartEntry, actor: string): Promise<void> {
    await this.database.prisma.$transaction(async (tx) => {
      const owner =
        'municipalityId' in entry.owner
          ? { municipalityId: entry.owner.municipalityId }
          : { providerId: await providerId(tx, entry.owner.providerName) };
      try {
        await tx.counterpartAddress.create({
          data: { address: entry.address, ...owner, pec: entry.pec, receivesNotices: entry.receivesNotices },
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw new AppError('conflict', `${entry.address} already registered`, {
            userMessage: `${entry.address} è già registrato.`,
          });
        throw error;
      }
      await tx.auditLog.create({
        data: {
          actor,
          action: 'counterpart_added',
          entityType: 'counterpart_address',
          entityId: entry.address,
          details: { ...owner, pec: entry.pec, receivesNotices: entry.receivesNotices },
        },
      });
    });
  }

  async remove(address: string, actor: string): Promise<boolean> {
    return this.database.prisma.$transaction(async (tx) => {
      const removed = await tx.counterpartAddress.deleteMany({ where: { address: address.toLowerCase() } });
      if (removed.count === 0) return false;
      await tx.auditLog.create({
        data: { actor, action: 'counterpart_removed', entityType: 'counterpart_address', entityId: address },
      });
      return true;
    });
  }
}

async function providerId(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const provider = await tx.provider.findFirst({
    where: { name: { equals: name, mode: 'insensitive' } },
    select: { id: true },
  });
  if (!provider)
    throw new AppError('not_found', `no provider named ${name}`, {
      userMessage: `Nessun ente accreditato si chiama «${name}»: usare il nome registrato.`,
    });
  return provider.id;
}
