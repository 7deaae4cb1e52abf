import { gecasHoursFile } from '../../gecas/read-hours-file.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { HoursImporter } from '../../services/hours/hours-importer.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaHourImportStore } from '../../prisma/repositories/prisma-hour-import-store.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run-cli.js';
import { requestCalendarRun } from '../scheduler/scheduler.js';

// npm run import:hours -- <file.csv|file.xlsx> — loads validated hours exported from Gecas.
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error('Uso: npm run import:hours -- <file.csv|file.xlsx>');
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const importer = new HoursImporter(new PrismaHourImportStore(opened.database), gecasHoursFile);
    const report = await importer.importFile(
      basename(file),
      readFileSync(file),
      `cli:${userInfo().username}`,
    );
    switch (report.status) {
      case 'imported':
        console.log(`Importate ${report.rows} righe di ore validate (${report.projectIds.length} progetti).`);
        // The 80% budget alerts follow each import: ask the scheduler to look now.
        if (await requestCalendarRun(opened.url, 'ore importate')) {
          console.log('Il controllo delle soglie di budget è stato avviato.');
        }
        return 0;
      case 'already_imported':
        console.log(
          `Il file era già stato importato il ${formatShortItalianDate(report.importedAt.toISOString().slice(0, 10) as CalendarDate)} (${report.fileName}): nessuna modifica.`,
        );
        return 0;
      case 'rejected':
        console.error(`File rifiutato: nessuna riga è stata importata. Correggere e riprovare:`);
        for (const error of report.errors)
          console.error(
            error.line === null ? `- ${error.message}` : `- riga ${error.line}: ${error.message}`,
          );
        return 1;
    }
  } finally {
    await opened.close();
  }
});
