import { readActionLabel } from '../../services/access/read-log.js';
import { formatHistoryTime } from '../../services/history/request-timeline.js';
import { viewsShown } from '../../services/office/who-viewed.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run-cli.js';

// npm run reads -- <codice fiscale> — who viewed a person's data, when and where (the read log),
// newest first. For the office's staff on the server, like the console's «Accessi ai dati».
await runCli(async () => {
  const taxCode = (process.argv[2] ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9]{16}$/.test(taxCode)) {
    console.error('Uso: npm run reads -- <codice fiscale>');
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const found = await new PrismaReadLog(opened.database).readsOf(taxCode, viewsShown);
    if (!found) {
      console.error(`Nessuna persona con codice fiscale ${taxCode} nel registro.`);
      return 1;
    }
    console.log(`Accessi ai dati di ${found.beneficiary} (${taxCode}): ${found.reads.length}.`);
    for (const read of found.reads)
      console.log(
        `${formatHistoryTime(read.at)}  ${read.actorName} (${read.role})  ${readActionLabel(read.action)}${read.protocol ? `  pratica ${read.protocol}` : ''}`,
      );
  } finally {
    await opened.close();
  }
});
