import type { CalendarDate } from '../calendar/calendar-date.js';
import type { Catalogue } from '../catalogue/catalogue.js';

/** What the rules need to know besides the request itself. */
export interface CheckContext {
  /** The Europe/Rome date the request reached the office (for PEC, the envelope's date). */
  readonly receivedOn: CalendarDate;
  /** IVA of the chosen provider in basis points, when it differs from the default 5%. */
  readonly vatRateBasisPoints?: number;
  /** The rulebook; defaults to the disciplinare in force. */
  readonly catalogue?: Catalogue;
}
