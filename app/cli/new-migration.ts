import { createMigration } from '../../prisma/migrate/create-migration.js';
import { runCli } from './run-cli.js';

// npm run db:new -- <name> — writes the next migration from prisma/schema.prisma.
await runCli(async () => {
  const name = process.argv.slice(2).join(' ');
  const folder = await createMigration(name);
  console.log(
    folder ? `Nuova migrazione: ${folder}` : 'Lo schema non è cambiato: nessuna migrazione scritta.',
  );
});
