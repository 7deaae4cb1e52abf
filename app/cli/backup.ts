import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupEmbedded } from '../../prisma/database/embedded-backup.js';
import { backupPostgres } from '../../prisma/database/postgres-backup.js';
import { loadConfig } from '../config.js';
import { nightlyBackupFile, pruneNightlyBackups } from '../nightly-backup.js';
import { runCli } from './run-cli.js';

// npm run backup -- <file> — the whole database: PostgreSQL in pg_dump's custom format, the embedded
// one as PGlite's dump of its folder (with Sportello stopped). `--nightly` writes today's file in
// BACKUP_DIR and deletes those older than BACKUP_KEEP_DAYS (the Debian package's timer runs it).
await runCli(async () => {
  const argument = process.argv[2];
  if (!argument) {
    console.error(
      'Uso: npm run backup -- <file> (per esempio /var/backups/sportello/2027-02-10.dump) oppure npm run backup -- --nightly',
    );
    return 2;
  }
  const config = loadConfig();
  const nightly = argument === '--nightly';
  const now = new Date();
  if (nightly) mkdirSync(config.backup.dir, { recursive: true });
  const file = nightly
    ? resolve(nightlyBackupFile(config.backup.dir, now, !config.database.url))
    : resolve(argument);
  // Written aside and renamed when complete: a backup cut short never passes for tonight's.
  const partial = `${file}.part`;
  try {
    if (config.database.url) await backupPostgres(config.database.url, partial);
    else await backupEmbedded(resolve(config.database.embeddedDataDir), partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  console.log(`Backup scritto in ${file}.`);
  if (nightly) {
    const removed = pruneNightlyBackups(config.backup.dir, now, config.backup.keepDays);
    if (removed.length > 0)
      console.log(
        `Eliminati i backup più vecchi di ${config.backup.keepDays} giorni: ${removed.join(', ')}.`,
      );
  }
});
