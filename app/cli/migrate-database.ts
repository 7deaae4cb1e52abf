import { EmbeddedPostgres } from '../../prisma/database/embedded-postgres.js';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
await runCli(async () => {
  const config = loadConfig();
  const embedded = config.database.url
    ? null
    : await EmbeddedPostgres.start({ dataDir: config.database.embeddedDataDir, maxConnections: 4 });
  try {
    const applied = await applyMigrations(config.database.url ?? embedded!.url);
    console.log(
      applied.length === 0
        ? 'Nessuna migrazione da applicare.'
        : `Migrazioni applicate: ${applied.join(', ')}`,
    );
  } finally {
    await embedded?.stop();
  }
});
