import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

const here = new URL('..', import.meta.url).pathname;

/** Where Sportello keeps its Prisma schema and migrations. */
export const prismaPaths = {
  schema: join(here, 'schema.prisma'),
  migrations: join(here, 'migrations'),
};

export function readSchema(path = prismaPaths.schema): { path: string; content: string } {
  return { path, content: readFileSync(path, 'utf8') };
}

/** The migrations folder in the shape Prisma's schema engine expects (same as `prisma migrate deploy`). */
export function readMigrationList(baseDir = prismaPaths.migrations): MigrationList {
  const lockPath = join(baseDir, 'migration_lock.toml');
  const directories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = join(baseDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `missing ${file}` },
        },
      };
    }),
  };
}
