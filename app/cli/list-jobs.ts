import { addDays, romeDateOf } from '../../domain/calendar/calendar-date.js';
import { serviceDefinition } from '../../domain/catalogue/services.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { formatItalianMonth } from '../../domain/calendar/italian-date-format.js';
import { dutiesDueBetween, type CalendarDuty } from '../../domain/schedule/calendar-duties.js';
import { openDatabase } from '../../prisma/database/open-database.js';
import { PrismaJobReport } from '../../prisma/repositories/prisma-job-report.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run-cli.js';

// npm run jobs — what the scheduler will do and what it did, with outcomes.
const when = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const dutyNames: Record<CalendarDuty['kind'], (duty: CalendarDuty) => string> = {
  provider_hours_first: (duty) =>
    `promemoria agli enti: ore di ${month(duty)} da validare in Gecas entro l'8`,
  provider_hours_day6: (duty) => `secondo promemoria agli enti senza ore di ${month(duty)} importate`,
  municipality_check: (duty) => `avviso ai Comuni: verifica delle ore di ${month(duty)} (dal 9 al 20)`,
  invoicing_open: (duty) => `avviso agli enti: fatturazione delle ore di ${month(duty)} dal 21`,
  attendance_sheet: (duty) =>
    `promemoria ai centri diurni: prospetto delle presenze di ${month(duty)} entro il 10`,
  attendance_invoicing: (duty) =>
    `avviso ai centri diurni: fattura delle presenze di ${month(duty)} entro fine mese`,
  forecast_request: (duty) =>
    `promemoria ai Comuni: previsionale entro il ${formatLongItalianDate(duty.deadline!)} (${duty.services!.map((code) => serviceDefinition(code).name).join('; ')})`,
  forecast_proposal: (duty) =>
    `promemoria all'ufficio: proposta di previsionale entro il ${formatLongItalianDate(duty.deadline!)}`,
  quarterly_summary: (duty) => `riepilogo trimestrale della spesa ai Comuni (${duty.period})`,
};

function month(duty: CalendarDuty): string {
  return formatItalianMonth(duty.serviceMonth!.year, duty.serviceMonth!.month);
}

await runCli(async () => {
  const config = loadConfig();
  const opened = await openDatabase(config.database, createLogger('warn'), { shareRunning: true });
  try {
    const report = new PrismaJobReport(opened.database);
    const today = romeDateOf(new Date());
    const lines: string[] = [];
    lines.push('PIANIFICAZIONE (coda di lavori durevole in PostgreSQL, ora di Roma)');
    const schedules = await report.schedules();
    if (schedules.length === 0) lines.push('  nessuna: lo scheduler non è ancora stato avviato (npm start)');
    for (const schedule of schedules) {
      lines.push(`  ${schedule.name}  «${schedule.cron}»  ${schedule.timezone ?? 'UTC'}`);
    }
    lines.push('', 'PROSSIME SCADENZE DEL CALENDARIO (60 giorni)');
    for (const duty of dutiesDueBetween(today, addDays(today, 60))) {
      lines.push(`  ${formatLongItalianDate(duty.dueOn)}, ore 9:00 — ${dutyNames[duty.kind](duty)}`);
    }
    lines.push('', 'PROMEMORIA PROGRAMMATI');
    const scheduled = await report.scheduledReminders();
    if (scheduled.length === 0) lines.push('  nessuno');
    for (const row of scheduled) lines.push(`  ${when.format(row.dueAt)} — ${row.kind} (${row.key})`);
    lines.push('', 'ULTIME ESECUZIONI DEL CALENDARIO');
    const jobs = await report.recentJobs(10);
    if (jobs.length === 0) lines.push('  nessuna');
    for (const job of jobs) {
      lines.push(`  ${when.format(job.createdOn)} — ${job.name} (${job.reason ?? '—'}): ${job.state}`);
      for (const line of job.summary) lines.push(`      ${line}`);
    }
    lines.push('', 'REGISTRO DEGLI INVII');
    const runs = await report.recentRuns(20);
    if (runs.length === 0) lines.push('  nessun invio registrato');
    for (const run of runs) {
      lines.push(
        `  ${run.doneAt ? when.format(run.doneAt) : '—'} — ${run.key}: ${run.state}, ${run.outcome ?? ''}`,
      );
    }
    console.log(lines.join('\n'));
    return 0;
  } finally {
    await opened.close();
  }
});
