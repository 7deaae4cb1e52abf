import { createHash } from 'node:crypto';
import pg from 'pg';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * True when `_prisma_migrations` already records every local migration as applied, with the
 * checksum Prisma computes (SHA-256 of migration.sql), and nothing failed or unknown. Then a
 * start-up needs no schema engine; in every other case the engine decides, as `migrate deploy`.
 */
export async function everyMigrationApplied(databaseUrl: string, list: MigrationList): Promise<boolean> {
  const local = new Map<string, string>();
  for (const directory of list.migrationDirectories) {
    const content = directory.migrationFile.content;
    if (content.tag !== 'ok') return false;
    local.set(directory.path, createHash('sha256').update(content.value).digest('hex'));
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; checksum: string; done: boolean }>(
      `SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS done
         FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    if (rows.length !== local.size) return false;
    return rows.every((row) => row.done && local.get(row.name) === row.checksum);
  } catch {
    return false; // no table yet, or any doubt: let the engine look
  } finally {
    await client.end().catch(() => undefined);
  }
}
