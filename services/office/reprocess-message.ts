import { refusal, requireStaff, type Refusal } from '../access/refusal.js';
import type { Caller } from '../access/caller.js';
import type { Disposition } from '../intake/intake-commits.js';
import type { FetchedMessage } from '../intake/mail-intake.js';

/** A message reopened for reading again, as the intake needs it. */
export interface ReopenedMessage {
  readonly mailbox: string;
  readonly receivedAt: Date;
  readonly raw: Uint8Array;
}

/** What reading a message again needs from the database. */
export interface ReprocessStore {
  /**
   * Atomically, when the message is in «Da verificare» or «Quarantena» and not archived: sets it
   * back to registered (its attempts to zero) and audits who did it; null otherwise (already
   * read again, archived, handled, or unknown), so that two clicks read it once.
   */
  reopen(input: { id: string; actor: string }): Promise<ReopenedMessage | null>;
}

/** The mail intake, which reads a registered message and commits its outcome exactly once. */
export interface MessageIntake {
  handle(message: FetchedMessage): Promise<Disposition>;
}

/** What reading again came to. */
export type ReprocessResult = { readonly outcome: 'done'; readonly disposition: Disposition } | Refusal;

/**
 * *Rielabora* (issue #16): staff have a message put aside read again, after a fix (the sender
 * registered, OCR installed, a new version): it goes through the intake exactly as it came, with
 * its server date of receipt, exactly once. Staff only; the mail stays where the watcher filed it.
 */
export class ReprocessMessage {
  constructor(
    private readonly store: ReprocessStore,
    private readonly intake: () => MessageIntake | null,
  ) {}

  async run(caller: Caller, id: string): Promise<ReprocessResult> {
    const notStaff = requireStaff(caller, 'rielaborare un messaggio');
    if (notStaff) return notStaff;
    const intake = this.intake();
    if (!intake)
      return refusal('not_ready', 'La lettura della posta non è ancora avviata: riprovare tra poco.');
    const reopened = await this.store.reopen({ id, actor: caller.displayName });
    if (!reopened)
      return refusal(
        'not_waiting',
        'Il messaggio è già stato rielaborato o archiviato, o non è tra quelli da verificare.',
      );
    const disposition = await intake.handle({
      mailbox: reopened.mailbox,
      uidValidity: null,
      uid: null,
      internalDate: reopened.receivedAt,
      size: reopened.raw.byteLength,
      raw: reopened.raw,
    });
    return { outcome: 'done', disposition };
  }
}
