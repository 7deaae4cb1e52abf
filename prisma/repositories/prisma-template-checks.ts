import type { Database } from '../database/database.js';
import { valueRows } from '../database/sql.js';

/**
 * The fingerprints of the contract templates found valid at a start (`ContractTemplates.load`).
 * On the pool, not the ORM: a warm start need not wait for Prisma's engine to learn it.
 */
export class PrismaTemplateChecks {
  constructor(private readonly database: Database) {}

  async known(fingerprints: readonly string[]): Promise<ReadonlySet<string>> {
    const rows = await this.database.sql.rows<{ fingerprint: string }>`
      SELECT fingerprint FROM contract_template_check WHERE fingerprint = ANY(${[...fingerprints]}::text[])`;
    return new Set(rows.map((row) => row.fingerprint));
  }

  async remember(fingerprints: readonly string[]): Promise<void> {
    if (fingerprints.length === 0) return;
    await this.database.sql.run`
      INSERT INTO contract_template_check (fingerprint)
      VALUES ${valueRows(fingerprints.map((fingerprint) => [fingerprint]))}
      ON CONFLICT (fingerprint) DO NOTHING`;
  }
}
