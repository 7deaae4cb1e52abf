import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client.js';

/** The Prisma client of Sportello over adapter-pg, for PostgreSQL and the embedded PGlite alike. */
export class Database {
  readonly prisma: PrismaClient;

  constructor(
    readonly url: string,
    options: { poolSize: number },
  ) {
    this.prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: options.poolSize, idleTimeoutMillis: 10_000 }),
    });
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
