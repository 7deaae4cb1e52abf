import { protocolTypedIn } from '../../domain/requests/protocol-number.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { formatHistoryTime, historyLabel, requestTimeline } from '../../services/history/request-timeline.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli, systemUser } from './run-cli.js';
import { commandViewer } from '../../services/access/read-log.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';

// npm run history -- 2027/0000123 — the whole story of a request, from the mail in to the contract back.
const kinds: Record<string, string> = {
  activation: 'richiesta di attivazione',
  day_centre_entry: 'richiesta di ingresso in servizio diurno',
  variation: 'richiesta di variazione progettuale',
  cessation: 'comunicazione di cessazione',
};
const statuses: Record<string, string> = {
  acknowledged: 'accolta, avvio del procedimento comunicato',
  integration_requested: 'integrazione richiesta al Comune',
};

await runCli(async () => {
  const protocol = protocolTypedIn(process.argv[2] ?? '');
  if (!protocol) {
    console.error('Uso: npm run history -- <protocollo>, per esempio npm run history -- 2027/0000123');
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const records = await new PrismaRequestHistory(opened.database).recordsOf(protocol);
    if (!records) {
      console.error(`Nessuna pratica con protocollo ${protocol}.`);
      return 1;
    }
    await commandViewer(new PrismaReadLog(opened.database), systemUser()).saw('command_history', [
      { protocol },
    ]);
    const { kind, service, status, problems } = records.request;
    console.log(
      `Pratica ${protocol}: ${kinds[kind] ?? kind}${service ? ` (${service})` : ''} – ${statuses[status] ?? status}${problems ? `, ${problems} problemi segnalati` : ''}.`,
    );
    for (const event of requestTimeline(records)) {
      const what = historyLabel(event);
      console.log(
        `${formatHistoryTime(event.at)}  ${what}  [${event.actor}]${event.detail ? `\n    ${event.detail}` : ''}`,
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
});
