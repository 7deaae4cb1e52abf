import { z } from 'zod';
import { isDayCentreService, isHourlyService, isServiceCode } from '../domain/catalogue/service-codes.js';
import type { HourRow, ImportedServiceCode } from '../services/hours/hours-importer.js';
import { italianMonthNames } from '../domain/calendar/italian-date-format.js';
import { normalizeForMatching } from '../domain/text/normalize-for-matching.js';
import { parseItalianDecimal } from '../domain/text/italian-numbers.js';

/**
 * The documented column layout of a Gecas hours export (header row required, any order, any
 * case; `;`-separated CSV with Italian decimals, or XLSX):
 *
 * | column            | required | example           |
 * |-------------------|----------|-------------------|
 * | codice_fiscale    | yes      | BNCMRA50D43D142D  |
 * | servizio          | yes      | SAD               |
 * | anno              | yes      | 2026              |
 * | mese              | yes      | 10 or ottobre     |
 * | ore               | yes (1)  | 16,5 or 16:30     |
 * | ore_festive       | no       | 2                 |
 * | ore_back_office   | no       | 2                 |
 * | ente              | no       | Coop. Il Girasole |
 * | giornate_full_time| no (2)   | 18                |
 * | giornate_part_time| no (2)   | 3                 |
 * | accessi_lievi     | no (2)   | 0                 |
 * | accessi_medi      | no (2)   | 0                 |
 * | accessi_alti      | no (2)   | 0                 |
 * | pasti             | no (2)   | 18                |
 * | unita             | no (2)   | CSE Koala         |
 *
 * (1) For the day centres (CDD, CSE, SFA) `ore` are the remote educational hours and may be
 * empty; a file needs `ore` or one of the `giornate_` columns. (2) The day centres' attendance
 * sheet (seed l. 2143-2163); `unita`, when given, must be the project's unit.
 */
export const hourColumns = {
  taxCode: ['codice fiscale', 'cf', 'codice fiscale beneficiario'],
  service: ['servizio', 'tipo servizio'],
  year: ['anno'],
  month: ['mese'],
  hours: ['ore', 'ore validate', 'ore erogate'],
  festiveHours: ['ore festive'],
  backOfficeHours: ['ore back office', 'back office'],
  provider: ['ente', 'ente gestore', 'ente accreditato'],
  fullTimeDays: ['giornate full time', 'giornate fulltime', 'giorni full time'],
  partTimeDays: ['giornate part time', 'giornate parttime', 'giorni part time'],
  lowAccesses: ['accessi lievi', 'accessi lieve intensita'],
  mediumAccesses: ['accessi medi', 'accessi media intensita'],
  highAccesses: ['accessi alti', 'accessi alta intensita'],
  meals: ['pasti', 'n pasti'],
  dayUnit: ['unita', 'unita di offerta', 'centro'],
} as const;

export type HourColumn = keyof typeof hourColumns;

/** One data row of the file, as text keyed by column, with its line number in the file. */
export interface RawHourRow {
  readonly line: number;
  readonly values: Partial<Record<HourColumn, string>>;
}

/** The column a header names, or null. */
export function columnOfHeader(header: string): HourColumn | null {
  const normalized = normalizeForMatching(header);
  for (const [column, names] of Object.entries(hourColumns)) {
    if ((names as readonly string[]).includes(normalized)) return column as HourColumn;
  }
  return null;
}

const hoursText = (label: string, max: number) =>
  z.string().transform((value, context) => {
    const hours = value.trim() === '' ? 0 : parseItalianDecimal(value);
    if (hours === null || hours < 0 || hours > max) {
      context.addIssue({
        code: 'custom',
        message: `${label} «${value}» non è un numero di ore valido (usare ad esempio 16,5)`,
      });
      return z.NEVER;
    }
    return Math.round(hours * 60);
  });

const countText = (label: string) =>
  z.string().transform((value, context) => {
    const count = value.trim() === '' ? 0 : Number(value.trim());
    if (!Number.isInteger(count) || count < 0 || count > 62) {
      context.addIssue({ code: 'custom', message: `${label} «${value}» non è un numero intero valido` });
      return z.NEVER;
    }
    return count;
  });

const rowSchema = z.object({
  taxCode: z
    .string({ error: 'manca il codice fiscale' })
    .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
    .refine((value) => /^[A-Z0-9]{16}$/.test(value), {
      message: 'il codice fiscale deve avere 16 caratteri',
    }),
  service: z
    .string({ error: 'manca il servizio' })
    .transform((value) => value.trim().toUpperCase())
    .refine(
      (value): value is ImportedServiceCode =>
        isServiceCode(value) && (isHourlyService(value) || isDayCentreService(value)),
      {
        message:
          'il servizio deve essere uno dei servizi a ore (SAD, SADH, ADM, ADEA, SIP, SAAP) o un centro diurno (CDD, CSE, SFA)',
      },
    ),
  year: z
    .string({ error: "manca l'anno" })
    .transform((value) => Number(value.trim()))
    .refine((value) => Number.isInteger(value) && value >= 2000 && value <= 2100, {
      message: "l'anno non è valido",
    }),
  month: z
    .string({ error: 'manca il mese' })
    .transform((value) => monthNumber(value))
    .refine((value) => value !== null, { message: 'il mese deve essere un numero da 1 a 12 o il suo nome' }),
  // A day centre's attendance export may have no «ore» column (remote hours are optional there).
  hours: hoursText('il valore delle ore', 744).optional(),
  festiveHours: hoursText('il valore delle ore festive', 744).optional(),
  backOfficeHours: hoursText('il valore delle ore di back office', 744).optional(),
  provider: z.string().optional(),
  fullTimeDays: countText('il numero di giornate full time').default(0),
  partTimeDays: countText('il numero di giornate part time').default(0),
  lowAccesses: countText('il numero di accessi lievi').default(0),
  mediumAccesses: countText('il numero di accessi medi').default(0),
  highAccesses: countText('il numero di accessi alti').default(0),
  meals: countText('il numero di pasti').default(0),
  dayUnit: z.string().optional(),
});

/** Understands one row, or says in Italian what is wrong with it. */
export function parseHourRow(row: RawHourRow): { row: HourRow } | { errors: string[] } {
  const parsed = rowSchema.safeParse(row.values);
  if (!parsed.success) return { errors: parsed.error.issues.map(italianIssue) };
  const values = parsed.data;
  const service = values.service as ImportedServiceCode;
  if (isServiceCode(service) && isHourlyService(service) && values.hours === undefined)
    return { errors: [`colonna «ore»: manca il valore delle ore del servizio ${service}, che è a ore`] };
  const { fullTimeDays, partTimeDays, lowAccesses, mediumAccesses, highAccesses, meals } = values;
  const attendance = { fullTimeDays, partTimeDays, lowAccesses, mediumAccesses, highAccesses, meals };
  // An hourly service has no attendance sheet, and a day centre no festive or back-office hours.
  if (isServiceCode(service) && isHourlyService(service) && Object.values(attendance).some((n) => n > 0))
    return {
      errors: [
        `il servizio ${service} è a ore: le giornate, gli accessi e i pasti valgono per i centri diurni`,
      ],
    };
  return {
    row: {
      line: row.line,
      taxCode: values.taxCode,
      service,
      year: values.year,
      month: values.month as number,
      minutes: values.hours ?? 0,
      festiveMinutes: values.festiveHours ?? 0,
      backOfficeMinutes: values.backOfficeHours ?? 0,
      provider: values.provider?.trim() || null,
      ...attendance,
      dayUnit: values.dayUnit?.trim() || null,
    },
  };
}

/**
 * A row's problem in Italian, naming its column as the header writes it: messages the schema states
 * are kept, a type error (a cell the reader could not give as text) says so.
 */
function italianIssue(issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0] ?? '') as HourColumn;
  const column = (hourColumns[key]?.[0] ?? key).replace(/ /g, '_');
  const message =
    issue.code === 'invalid_type' && !/^manca/.test(issue.message)
      ? 'valore mancante o non leggibile'
      : issue.message;
  return `colonna «${column}»: ${message}`;
}

function monthNumber(value: string): number | null {
  const text = normalizeForMatching(value);
  const number = Number(text);
  if (Number.isInteger(number) && number >= 1 && number <= 12) return number;
  const index = italianMonthNames.findIndex((name) => name === text || name.slice(0, 3) === text);
  return index >= 0 ? index + 1 : null;
}
