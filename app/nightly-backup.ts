import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, romeDateOf, tryCalendarDate, type CalendarDate } from '../domain/calendar/calendar-date.js';

// The nightly backup's files: one a day, named for its Europe/Rome date so that a listing reads as a
// calendar and the rotation never needs the files' times (a restored copy keeps its name).
const nightlyName = /^sportello-(\d{4}-\d{2}-\d{2})\.(dump|tar\.gz)$/;

/** The file tonight's backup goes to: PostgreSQL's custom dump, or the embedded database's tar. */
export function nightlyBackupFile(dir: string, at: Date, embedded: boolean): string {
  return join(dir, `sportello-${romeDateOf(at)}.${embedded ? 'tar.gz' : 'dump'}`);
}

/** The nightly backups in `names` older than `keepDays` before `today`; other files are never chosen. */
export function expiredBackups(names: readonly string[], today: CalendarDate, keepDays: number): string[] {
  const oldestKept = addDays(today, -(keepDays - 1));
  return names.filter((name) => {
    const date = tryCalendarDate(nightlyName.exec(name)?.[1] ?? '');
    return date !== null && date < oldestKept;
  });
}

/** Deletes the expired nightly backups in `dir`; returns their names. */
export function pruneNightlyBackups(dir: string, at: Date, keepDays: number): string[] {
  const expired = expiredBackups(readdirSync(dir), romeDateOf(at), keepDays);
  for (const name of expired) rmSync(join(dir, name));
  return expired;
}
