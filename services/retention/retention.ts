import {
  addDays,
  romeDateOf,
  tryCalendarDate,
  type CalendarDate,
} from '../../domain/calendar/calendar-date.js';
import type { Caller } from '../access/caller.js';
import { requireStaff, refusal, type Refusal } from '../access/refusal.js';
import type { TickTask } from '../calendar/calendar-tick.js';

/** How long personal data is kept (RETENTION_RAW_DAYS, RETENTION_YEARS, RETENTION_READ_LOG_MONTHS). */
export interface RetentionPeriods {
  readonly rawDays: number;
  readonly years: number;
  readonly readLogMonths: number;
}

/** A beneficiary's file offered for discard. */
export interface DiscardCandidate {
  readonly id: string;
  readonly beneficiary: string;
  readonly taxCode: string;
  readonly lastProjectEnd: CalendarDate;
  readonly proposedAt: Date;
}

/** What the retention job and the discards do to the database. */
export interface RetentionStore {
  /** Empties the working copies of what closed before `closedBefore`, keeping their impronte; how many. */
  discardWorkingCopies(closedBefore: CalendarDate): Promise<{ messages: number; contracts: number }>;
  /** Offers for discard the people whose last project ended before `endedBefore`; how many new. */
  proposeDiscards(endedBefore: CalendarDate): Promise<number>;
  /** Deletes read-log entries older than `months`; how many. */
  purgeReadLog(months: number): Promise<number>;
  proposals(): Promise<DiscardCandidate[]>;
  /** Anonymises the person of a proposal still open, audited; null when there is none. */
  discard(proposalId: string, actor: string): Promise<Readonly<Record<string, number>> | null>;
}

/**
 * The retention of personal data (issue 26): working copies replaced by their impronta
 * `rawDays` after closure, files offered for discard `years` after the last project, the read log
 * kept `readLogMonths`. Nothing is deleted silently: the job reports what it did in `npm run
 * jobs`, and a person's data is discarded only when staff approve it in the console.
 */
export class Retention implements TickTask {
  readonly name = 'conservazione dei dati';
  private lastRunOn: CalendarDate | null = null;

  constructor(
    private readonly store: RetentionStore,
    private readonly periods: RetentionPeriods,
  ) {}

  /** Once a day (the calendar turns every few minutes): each step is idempotent anyway. */
  async run(now: Date): Promise<string> {
    const today = romeDateOf(now);
    if (this.lastRunOn === today) return 'già eseguita oggi';
    const copies = await this.store.discardWorkingCopies(addDays(today, -this.periods.rawDays));
    const proposed = await this.store.proposeDiscards(yearsBefore(today, this.periods.years));
    const purged = await this.store.purgeReadLog(this.periods.readLogMonths);
    this.lastRunOn = today;
    return `copie di lavoro sostituite dall'impronta: ${copies.messages} messaggi, ${copies.contracts} contratti; fascicoli proposti per lo scarto: ${proposed}; voci del registro degli accessi oltre ${this.periods.readLogMonths} mesi eliminate: ${purged}`;
  }

  /** The files waiting for staff's decision. */
  async proposals(caller: Caller): Promise<Refusal | DiscardCandidate[]> {
    return requireStaff(caller, 'vedere le proposte di scarto') ?? this.store.proposals();
  }

  /** Staff approve a proposal: the person is anonymised and what changed is recorded. */
  async approve(
    caller: Caller,
    proposalId: string,
  ): Promise<Refusal | { outcome: 'discarded'; summary: Readonly<Record<string, number>> }> {
    const refused = requireStaff(caller, 'approvare lo scarto di un fascicolo');
    if (refused) return refused;
    const summary = await this.store.discard(proposalId, caller.teamsUserId);
    if (!summary) return refusal('already_done', 'La proposta di scarto non è più aperta.');
    return { outcome: 'discarded', summary };
  }
}

/** The same day `years` earlier (29 February becomes the 28th). */
function yearsBefore(day: CalendarDate, years: number): CalendarDate {
  const year = String(Number(day.slice(0, 4)) - years).padStart(4, '0');
  return tryCalendarDate(`${year}${day.slice(4)}`) ?? addDays(tryCalendarDate(`${year}-03-01`)!, -1);
}
