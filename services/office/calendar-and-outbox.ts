import { isStaff } from '../access/refusal.js';
import type { Caller } from '../access/caller.js';

/** A reminder of the calendar's ledger: planned, or run with its outcome. */
export interface CalendarEntry {
  readonly key: string;
  readonly kind: string;
  readonly state: string;
  readonly dueAt: Date;
  readonly doneAt: Date | null;
  readonly outcome: string | null;
}

/** A message of the outbox that has not left (yet): waiting for a retry, or given up. */
export interface WaitingMessage {
  readonly id: string;
  readonly kind: string;
  readonly channel: string;
  readonly recipient: string;
  readonly state: 'pending' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
}

/** What the page needs from the database. */
export interface CalendarAndOutboxStore {
  /** The next planned reminders and the last ones run, each at most `limit`. */
  calendar(limit: number): Promise<{ planned: CalendarEntry[]; ran: CalendarEntry[] }>;
  /** Messages not sent: failed first, then those waiting, oldest first, at most `limit`; and their counts. */
  waitingMessages(limit: number): Promise<{ rows: WaitingMessage[]; failed: number; pending: number }>;
  /** Puts a failed message back in the queue now (its attempts start again), audited; false when it was not failed. */
  retry(input: { id: string; actor: string }): Promise<boolean>;
}

const limit = 50;

/**
 * «Calendario e posta in uscita» (issue #16): what the scheduler planned and ran (`npm run jobs`),
 * and the messages that did not leave, with *riprova* for one given up. Staff only.
 */
export class CalendarAndOutbox {
  constructor(private readonly store: CalendarAndOutboxStore) {}

  async view(caller: Caller) {
    if (!isStaff(caller)) return null;
    const [calendar, outbox] = await Promise.all([
      this.store.calendar(limit),
      this.store.waitingMessages(limit),
    ]);
    return { ...calendar, outbox };
  }

  /** Sends a failed message again (the outbox is woken by the caller); false when refused or not failed. */
  async retry(caller: Caller, id: string): Promise<boolean> {
    if (!isStaff(caller)) return false;
    return this.store.retry({ id, actor: caller.displayName });
  }
}
