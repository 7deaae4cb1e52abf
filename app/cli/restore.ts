import { resolve } from 'node:path';
import { restorePostgres } from '../../prisma/database/postgres-backup.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run restore -- <file> — a backup of `npm run backup` into the new, empty database of DATABASE_URL.
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error('Uso: npm run restore -- <file>, con DATABASE_URL su un database nuovo e vuoto');
    return 2;
  }
  const config = loadConfig();
  if (!config.database.url) {
    console.error(
      'Il ripristino con questo comando è per PostgreSQL: impostare DATABASE_URL su un database nuovo e vuoto.',
    );
    return 2;
  }
  await restorePostgres(config.database.url, resolve(file));
  console.log(`Ripristino completato da ${resolve(file)}.`);
});
