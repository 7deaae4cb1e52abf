import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client.js';
import { PoolSql } from './sql.js';

/** The Prisma client of Sportello over adapter-pg, for PostgreSQL and the embedded PGlite alike. */
export class Database {
  /** Raw SQL on the same pool, for the statements every message pays (see `PoolSql`). */
  readonly sql: PoolSql;
  /** Sportello's own pool, so that its connections can be counted (metrics); Prisma ends it. */
  private readonly pool: pg.Pool;
  private client: PrismaClient | null = null;

  constructor(
    readonly url: string,
    options: { poolSize: number },
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: options.poolSize, idleTimeoutMillis: 10_000 });
    this.sql = new PoolSql(this.pool);
  }

  /**
   * The ORM, built at its first use: reading its data model costs ~0.1 s of the event loop, which a
   * warm start (whose checks run on the pool) need not wait for before `ready`.
   */
  get prisma(): PrismaClient {
    this.client ??= new PrismaClient({ adapter: new PrismaPg(this.pool, { disposeExternalPool: true }) });
    return this.client;
  }

  /** The pool's connections: open, idle, and the queries waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  async close(): Promise<void> {
    if (this.client) await this.client.$disconnect();
    else await this.pool.end();
  }
}
