import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaCounterpartStore } from '../../prisma/repositories/prisma-counterpart-store.js';
import { newCounterpartEntry } from '../../services/counterparts/manage-counterparts.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run-cli.js';

// npm run counterparts -- elenco | aggiungi <indirizzo o dominio> --comune <nome> | --ente <nome> [--pec] [--ufficio] | rimuovi <indirizzo>
// The registry of counterparts: who may write to the office, and where Sportello may write.
const usage = [
  'Uso:',
  '  npm run counterparts -- elenco',
  '  npm run counterparts -- aggiungi <indirizzo o dominio> --comune <nome> [--pec] [--ufficio]',
  '  npm run counterparts -- aggiungi <indirizzo> --ente <nome registrato> [--pec]',
  '  npm run counterparts -- rimuovi <indirizzo o dominio>',
  '--ufficio: l’indirizzo a cui Sportello invia i riepiloghi trimestrali e le comunicazioni del Comune.',
].join('\n');

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      comune: { type: 'string' },
      ente: { type: 'string' },
      pec: { type: 'boolean', default: false },
      ufficio: { type: 'boolean', default: false },
    },
  });
  const [command, address] = positionals;
  if (
    !command ||
    !['elenco', 'aggiungi', 'rimuovi'].includes(command) ||
    (command !== 'elenco' && !address)
  ) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  const store = new PrismaCounterpartStore(opened.database);
  const actor = `cli:${userInfo().username}`;
  try {
    if (command === 'elenco') {
      for (const entry of await store.list()) {
        const marks = [entry.pec && 'PEC', entry.receivesNotices && 'ufficio', entry.isDemo && 'demo'].filter(
          Boolean,
        );
        console.log(`${entry.owner}\t${entry.address}${marks.length > 0 ? `\t(${marks.join(', ')})` : ''}`);
      }
      return 0;
    }
    if (command === 'rimuovi') {
      const removed = await store.remove(address!, actor);
      console.log(removed ? `Rimosso: ${address}.` : `${address} non era registrato.`);
      return removed ? 0 : 1;
    }
    const entry = newCounterpartEntry({
      address: address!,
      municipality: values.comune,
      provider: values.ente,
      pec: values.pec ?? false,
      office: values.ufficio ?? false,
    });
    await store.add(entry, actor);
    console.log(`Registrato: ${entry.address}.`);
    return 0;
  } finally {
    await opened.close();
  }
});
