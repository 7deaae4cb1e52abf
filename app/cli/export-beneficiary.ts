import { writeFileSync } from 'node:fs';
import { PizZipWriter } from '../../documents/zip-archive.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaBeneficiaryData } from '../../prisma/repositories/prisma-beneficiary-data.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';
import { BeneficiaryExport } from '../../services/beneficiaries/beneficiary-export.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli, systemUser } from './run-cli.js';

// npm run export:beneficiary -- <codice fiscale> [file.zip] — everything Sportello holds about a
// person in one ZIP (GDPR art. 15), audited and recorded in the read log.
await runCli(async () => {
  const [taxCode = '', target] = process.argv.slice(2);
  if (!/^[A-Za-z0-9]{16}$/.test(taxCode.trim())) {
    console.error('Uso: npm run export:beneficiary -- <codice fiscale> [file.zip]');
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const exporter = new BeneficiaryExport(
      new PrismaBeneficiaryData(opened.database),
      new PizZipWriter(),
      new PrismaReadLog(opened.database),
    );
    const result = await exporter.forCommand(systemUser(), taxCode);
    if (!result) {
      console.error(`Nessuna persona con codice fiscale ${taxCode.toUpperCase()} nel registro.`);
      return 1;
    }
    const file = target ?? result.fileName;
    writeFileSync(file, result.zip, { mode: 0o600 });
    console.log(`Dati esportati in ${file}: ${result.tables} tabelle, ${result.files} file originali.`);
  } finally {
    await opened.close();
  }
});
