import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tryCalendarDate } from '../../domain/calendar/calendar-date.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { loadConfig } from '../config.js';
import { wireProtocolRegister } from '../register-wiring.js';
import { createLogger } from '../logger.js';
import { runCli, systemUser } from './run-cli.js';
import { commandViewer } from '../../services/access/read-log.js';
import { PrismaReadLog } from '../../prisma/repositories/prisma-read-log.js';

// npm run register:daily -- <AAAA-MM-GG | GG/MM/AAAA> [cartella] — the day's protocol register as
// CSV and PDF, for the office to send to conservation by the next working day.
await runCli(async () => {
  const [dayArgument = '', folder = '.'] = process.argv.slice(2);
  const italian = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dayArgument);
  const day = tryCalendarDate(
    italian ? `${italian[3]}-${italian[2]!.padStart(2, '0')}-${italian[1]!.padStart(2, '0')}` : dayArgument,
  );
  if (!day) {
    console.error(
      'Uso: npm run register:daily -- <data> [cartella], per esempio npm run register:daily -- 10/02/2027',
    );
    return 2;
  }
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const register = wireProtocolRegister(config, opened.database);
    const daily = await register.daily(day);
    await commandViewer(new PrismaReadLog(opened.database), systemUser()).saw(
      'command_daily_register',
      daily.protocols.map((protocol) => ({ protocol })),
    );
    mkdirSync(resolve(folder), { recursive: true });
    const base = join(resolve(folder), `registro-giornaliero-${day}`);
    writeFileSync(`${base}.csv`, daily.csv);
    writeFileSync(`${base}.pdf`, daily.pdf);
    console.log(
      `Registro giornaliero del ${day}: ${daily.entries} registrazioni, scritto in ${base}.csv e ${base}.pdf.`,
    );
  } finally {
    await opened.close();
  }
});
