import { resolve } from 'node:path';
import { backupPostgres } from '../../prisma/database/postgres-backup.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run backup -- <file> — the whole database in pg_dump's custom format (PostgreSQL).
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'Uso: npm run backup -- <file>, per esempio npm run backup -- /var/backups/sportello/2027-02-10.dump',
    );
    return 2;
  }
  const config = loadConfig();
  if (!config.database.url) {
    console.error(
      'Il database incorporato si salva a Sportello fermo, copiando la sua cartella (EMBEDDED_DATA_DIR); il backup con questo comando è per PostgreSQL (DATABASE_URL).',
    );
    return 2;
  }
  await backupPostgres(config.database.url, resolve(file));
  console.log(`Backup scritto in ${resolve(file)}.`);
});
