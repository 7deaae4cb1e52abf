import { resolve } from 'node:path';
import { restoreEmbedded } from '../../prisma/database/embedded-backup.js';
import { restorePostgres } from '../../prisma/database/postgres-backup.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run restore -- <file> — a backup of `npm run backup` into the new, empty database of DATABASE_URL,
// or, without it, into a new EMBEDDED_DATA_DIR (with Sportello stopped).
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'Uso: npm run restore -- <file>, con DATABASE_URL su un database nuovo e vuoto (o EMBEDDED_DATA_DIR su una cartella nuova)',
    );
    return 2;
  }
  const config = loadConfig();
  if (config.database.url) await restorePostgres(config.database.url, resolve(file));
  else await restoreEmbedded(resolve(config.database.embeddedDataDir), resolve(file));
  console.log(`Ripristino completato da ${resolve(file)}.`);
});
