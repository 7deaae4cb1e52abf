import type { Caller } from './caller.js';

/**
 * Why a use case said no. Adapters switch on the code (a console notice, a card's state, an HTTP
 * status); the message is the Italian sentence for the person who asked.
 */
export type RefusalCode =
  | 'not_staff'
  | 'not_found'
  | 'stale'
  | 'already_done'
  | 'reason_missing'
  | 'not_ready'
  | 'not_waiting'
  | 'rows_to_fix'
  | 'nothing_to_open'
  | 'not_returned';

/** A use case's refusal: a stable code and the Italian message. */
export interface Refusal {
  readonly outcome: 'refused';
  readonly code: RefusalCode;
  readonly message: string;
}

export function refusal(code: RefusalCode, message: string): Refusal {
  return { outcome: 'refused', code, message };
}

/** Whether the caller is a member of the office's staff. */
export function isStaff(caller: Caller | null | undefined): caller is Caller & { readonly role: 'staff' } {
  return caller?.role === 'staff';
}

/**
 * The refusal of anyone but staff, null for staff: every staff action calls it first. `action` says
 * what only staff may do («annullare una modifica»).
 */
export function requireStaff(caller: Caller | null | undefined, action: string): Refusal | null {
  return isStaff(caller) ? null : staffOnlyRefusal(action);
}

/** «Solo il personale dell'Ufficio Amministrazione può …», as a refusal. */
export function staffOnlyRefusal(action: string): Refusal {
  return refusal('not_staff', staffOnlyMessage(action));
}

/** The one sentence that tells a caller an action is staff's. */
export function staffOnlyMessage(action: string): string {
  return `Solo il personale dell'Ufficio Amministrazione può ${action}.`;
}
