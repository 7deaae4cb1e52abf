import { defineConfig } from 'prisma/config';

// The Prisma CLI downloads a native schema engine before generate/validate/format unless this
// points at an existing file; Sportello migrates with the WASM engine instead (prisma/migrate/),
// so any existing file will do and is never executed by `generate`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
