import { createHash } from 'node:crypto';
import { firstDayOfMonth, lastDayOfMonth, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { namesProvider } from '../../domain/text/provider-name.js';
import type { DayCentreServiceCode, HourlyServiceCode } from '../../domain/catalogue/service-codes.js';
import { findDayUnit } from '../../domain/catalogue/day-units.js';

/** The services whose monthly figures Gecas exports: hours, or a day centre's attendance. */
export type ImportedServiceCode = HourlyServiceCode | DayCentreServiceCode;

/** A project an hours row may belong to. */
export interface ImportableProject {
  readonly id: string;
  readonly taxCode: string;
  readonly service: string;
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate | null;
  /** The provider's name and aliases, normalised, to check the optional `ente` column. */
  readonly providerNames: readonly string[];
  /** A day centre's unit, to check the optional `unita` column. */
  readonly dayUnitId: string | null;
}

/** A day centre's attendance of the month (all 0 for the hourly services). */
export interface AttendanceCounts {
  readonly fullTimeDays: number;
  readonly partTimeDays: number;
  readonly lowAccesses: number;
  readonly mediumAccesses: number;
  readonly highAccesses: number;
  readonly meals: number;
}

export interface ValidatedHours extends AttendanceCounts {
  readonly projectId: string;
  readonly year: number;
  readonly month: number;
  readonly minutes: number;
  readonly festiveMinutes: number;
  readonly backOfficeMinutes: number;
}

/** A row once understood. */
export interface HourRow extends AttendanceCounts {
  readonly line: number;
  readonly taxCode: string;
  readonly service: ImportedServiceCode;
  readonly year: number;
  readonly month: number;
  readonly minutes: number;
  readonly festiveMinutes: number;
  readonly backOfficeMinutes: number;
  readonly provider: string | null;
  /** The day centre's unit as the export names it. */
  readonly dayUnit: string | null;
}

/** The rows of an hours file as its reader understood them, or why the file as a whole cannot be read. */
export type HoursFileRows =
  | {
      readonly ok: true;
      readonly rows: readonly (
        { readonly row: HourRow } | { readonly line: number; readonly errors: readonly string[] }
      )[];
    }
  | { readonly ok: false; readonly error: string };

/** Reads an exported hours file (the Gecas layout is the reader's business). */
export interface HoursFileReader {
  read(fileName: string, content: Uint8Array): Promise<HoursFileRows>;
}

/** What the import needs from the database. */
export interface HourImportStore {
  findImport(fileHash: string): Promise<{ fileName: string; importedAt: Date } | null>;
  /** Projects of these beneficiaries (by codice fiscale) for these services, whatever their period. */
  findProjects(taxCodes: readonly string[]): Promise<ImportableProject[]>;
  /** Stores the whole file in one transaction; months already present are replaced. */
  saveImport(input: {
    fileName: string;
    fileHash: string;
    importedBy: string;
    entries: readonly ValidatedHours[];
  }): Promise<{ importId: string; created: boolean }>;
}

export type ImportReport =
  | {
      readonly status: 'imported';
      readonly importId: string;
      readonly rows: number;
      readonly projectIds: readonly string[];
    }
  | { readonly status: 'already_imported'; readonly fileName: string; readonly importedAt: Date }
  | { readonly status: 'rejected'; readonly errors: readonly { line: number | null; message: string }[] };

/**
 * Loads the validated hours of a Gecas export. All or nothing: a file with a bad row is rejected
 * whole, every bad row listed by line with its reason in Italian; the same file twice is a no-op.
 */
export class HoursImporter {
  constructor(
    private readonly store: HourImportStore,
    private readonly reader: HoursFileReader,
  ) {}

  async importFile(fileName: string, content: Uint8Array, importedBy: string): Promise<ImportReport> {
    const fileHash = createHash('sha256').update(content).digest('hex');
    const previous = await this.store.findImport(fileHash);
    if (previous) return { status: 'already_imported', ...previous };

    const read = await this.reader.read(fileName, content);
    if (!read.ok) return { status: 'rejected', errors: [{ line: null, message: read.error }] };
    if (read.rows.length === 0)
      return { status: 'rejected', errors: [{ line: null, message: 'Il file non contiene righe di ore.' }] };

    const errors: { line: number; message: string }[] = [];
    const rows: HourRow[] = [];
    for (const parsed of read.rows) {
      if ('errors' in parsed) parsed.errors.forEach((message) => errors.push({ line: parsed.line, message }));
      else rows.push(parsed.row);
    }

    const projects = await this.store.findProjects([...new Set(rows.map((row) => row.taxCode))]);
    const entries: ValidatedHours[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const match = matchProject(row, projects);
      if ('error' in match) {
        errors.push({ line: row.line, message: match.error });
        continue;
      }
      const key = `${match.project.id}:${row.year}:${row.month}`;
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        errors.push({
          line: row.line,
          message: `le ore di ${row.month}/${row.year} per questo progetto compaiono già alla riga ${firstLine}`,
        });
        continue;
      }
      seen.set(key, row.line);
      entries.push({
        projectId: match.project.id,
        year: row.year,
        month: row.month,
        minutes: row.minutes,
        festiveMinutes: row.festiveMinutes,
        backOfficeMinutes: row.backOfficeMinutes,
        fullTimeDays: row.fullTimeDays,
        partTimeDays: row.partTimeDays,
        lowAccesses: row.lowAccesses,
        mediumAccesses: row.mediumAccesses,
        highAccesses: row.highAccesses,
        meals: row.meals,
      });
    }
    if (errors.length > 0) return { status: 'rejected', errors: errors.sort((a, b) => a.line - b.line) };

    const saved = await this.store.saveImport({ fileName, fileHash, importedBy, entries });
    if (!saved.created) {
      const existing = await this.store.findImport(fileHash);
      return {
        status: 'already_imported',
        fileName: existing?.fileName ?? fileName,
        importedAt: existing?.importedAt ?? new Date(0),
      };
    }
    return {
      status: 'imported',
      importId: saved.importId,
      rows: entries.length,
      projectIds: [...new Set(entries.map((entry) => entry.projectId))],
    };
  }
}

function matchProject(
  row: HourRow,
  projects: readonly ImportableProject[],
): { project: ImportableProject } | { error: string } {
  const monthStart = firstDayOfMonth(row.year, row.month);
  const monthEnd = lastDayOfMonth(row.year, row.month);
  const candidates = projects.filter(
    (project) =>
      project.taxCode === row.taxCode &&
      project.service === row.service &&
      project.startDate <= monthEnd &&
      (project.endDate === null || project.endDate >= monthStart),
  );
  const period = `${String(row.month).padStart(2, '0')}/${row.year}`;
  if (candidates.length === 0) {
    return {
      error: `nessun progetto ${row.service} in corso nel mese ${period} per il codice fiscale ${row.taxCode}`,
    };
  }
  if (candidates.length > 1) {
    return {
      error: `più progetti ${row.service} in corso nel mese ${period} per il codice fiscale ${row.taxCode}: correggere i periodi in Sportello`,
    };
  }
  const project = candidates[0]!;
  if (row.provider && !namesProvider(row.provider, project.providerNames)) {
    return { error: `l'ente «${row.provider}» non è quello del progetto ${row.service} del beneficiario` };
  }
  if (row.dayUnit && findDayUnit(row.dayUnit)?.id !== project.dayUnitId) {
    return { error: `l'unità «${row.dayUnit}» non è quella del progetto ${row.service} del beneficiario` };
  }
  return { project };
}
