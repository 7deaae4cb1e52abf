import { writeFileSync } from 'node:fs';
import { protocolTypedIn } from '../../domain/requests/protocol-number.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { loadConfig } from '../config.js';
import { wireProtocolRegister } from '../register-wiring.js';
import { createLogger } from '../logger.js';
import { runCli, systemUser } from './run-cli.js';
import { commandViewer } from '../../services/access/read-log.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';

// npm run register:segnatura -- <protocollo> [file] — the request's segnatura.xml (AgID 2021,
// allegato 6) for import into the office's protocol system.
await runCli(async () => {
  const protocol = protocolTypedIn(process.argv[2] ?? '');
  if (!protocol) {
    console.error('Uso: npm run register:segnatura -- <protocollo> [file], per esempio 2027/0000123');
    return 2;
  }
  const file = process.argv[3] ?? `segnatura-${protocol.replace('/', '-')}.xml`;
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const register = wireProtocolRegister(config, opened.database);
    const xml = await register.segnatura(protocol);
    if (!xml) {
      console.error(`Nessuna pratica con protocollo ${protocol}.`);
      return 1;
    }
    await commandViewer(new PrismaReadLog(opened.database), systemUser()).saw('command_segnatura', [
      { protocol },
    ]);
    writeFileSync(file, xml);
    console.log(`Segnatura della pratica ${protocol} scritta in ${file}.`);
  } finally {
    await opened.close();
  }
});
