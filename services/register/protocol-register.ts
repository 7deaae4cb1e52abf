import { AppError } from '../../domain/app-error.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { dailyRegisterCsv } from '../../domain/register/daily-register-csv.js';
import type { RegisterEntry } from '../../domain/register/register-entry.js';
import { segnaturaXml, type RegisterOffice } from '../../domain/register/segnatura.js';

/** Where the register's entries are read. */
export interface RegisterStore {
  /** The requests registered on a Rome calendar day, in number order. */
  entriesReceivedOn(day: CalendarDate): Promise<RegisterEntry[]>;
  entry(protocol: string): Promise<RegisterEntry | null>;
}

/** Writes the daily register as a PDF (the documents adapter). */
export interface DailyRegisterPdf {
  render(day: CalendarDate, entries: readonly RegisterEntry[], officeName: string): Promise<Uint8Array>;
}

/** The day's register, ready for conservation. */
export interface DailyRegister {
  readonly day: CalendarDate;
  readonly entries: number;
  /** The numbers it lists: each names a beneficiary in its subject. */
  readonly protocols: readonly string[];
  readonly csv: string;
  readonly pdf: Uint8Array;
}

/**
 * The protocol register's outputs (DPR 445/2000 art. 53; AgID Linee guida 2021, § 3.1.6 and
 * allegato 6): the daily register for conservation and each request's segnatura informatica.
 */
export class ProtocolRegister {
  constructor(
    private readonly store: RegisterStore,
    private readonly pdf: DailyRegisterPdf,
    /** Null until the installation sets its IPA codes: the segnatura cannot be written without them. */
    private readonly office: RegisterOffice | null,
    private readonly officeName: string,
  ) {}

  async daily(day: CalendarDate): Promise<DailyRegister> {
    const entries = await this.store.entriesReceivedOn(day);
    return {
      day,
      entries: entries.length,
      protocols: entries.map((entry) => entry.protocol),
      csv: dailyRegisterCsv(day, entries),
      pdf: await this.pdf.render(day, entries, this.officeName),
    };
  }

  /** The segnatura.xml of the request numbered `protocol`; null when there is none. */
  async segnatura(protocol: string): Promise<string | null> {
    if (!this.office)
      throw new AppError('invalid_configuration', 'register office codes not configured', {
        userMessage:
          'Per scrivere la segnatura servono i codici IPA dell’ufficio: impostare PROTOCOL_IPA_CODE, PROTOCOL_AOO_CODE e PROTOCOL_REGISTER_CODE.',
      });
    const entry = await this.store.entry(protocol);
    return entry ? segnaturaXml(entry, this.office) : null;
  }
}
