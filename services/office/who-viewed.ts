import type { Caller } from '../access/caller.js';
import type { ReadLogQuery, RecordedRead } from '../access/read-log.js';
import { requireStaff, type Refusal } from '../access/refusal.js';

/** Views shown at most: the newest first. */
export const viewsShown = 500;

/** What staff see of the read log for one person. */
export type WhoViewedAnswer =
  | Refusal
  | { readonly outcome: 'invalid_tax_code' }
  | { readonly outcome: 'unknown'; readonly taxCode: string }
  | {
      readonly outcome: 'found';
      readonly taxCode: string;
      readonly beneficiary: string;
      readonly reads: readonly RecordedRead[];
    };

/**
 * Who viewed a beneficiary's data and when (GDPR art. 15 c. 1 lett. c and art. 32): staff only, by
 * codice fiscale, from the read log.
 */
export class WhoViewed {
  constructor(private readonly log: ReadLogQuery) {}

  async of(caller: Caller | null, taxCode: string): Promise<WhoViewedAnswer> {
    const refused = requireStaff(caller, 'consultare il registro degli accessi');
    if (refused) return refused;
    const code = taxCode.trim().toUpperCase();
    // The shape only: the log is searched for whatever code the register holds.
    if (!/^[A-Z0-9]{16}$/.test(code)) return { outcome: 'invalid_tax_code' };
    const found = await this.log.readsOf(code, viewsShown);
    if (!found) return { outcome: 'unknown', taxCode: code };
    return { outcome: 'found', taxCode: code, ...found };
  }
}
