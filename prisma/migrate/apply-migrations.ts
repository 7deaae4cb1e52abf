import { everyMigrationApplied } from './applied-migrations.js';
import { readMigrationList, readSchema } from './migration-files.js';
import { withSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Applies pending migrations, recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does. Returns the names of the migrations applied now.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir?: string): Promise<string[]> {
  const migrationsList = readMigrationList(migrationsDir);
  if (await everyMigrationApplied(databaseUrl, migrationsList)) return [];
  return withSchemaEngine(databaseUrl, readSchema(), async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList,
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  });
}
