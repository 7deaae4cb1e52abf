import type { CalendarDate } from '../../domain/calendar/calendar-date.js';

/** A contract as staff see and decide it (the approval card, the console): facts, checks, deadlines, state. */
export interface ContractCardData {
  readonly contractId: string;
  readonly version: number;
  readonly state: 'draft' | 'approved' | 'rejected' | 'sent' | 'returned' | 'refused';
  readonly protocol: string;
  readonly kindLabel: string;
  readonly serviceLabel: string;
  readonly beneficiary: {
    readonly fullName: string;
    readonly taxCode: string | null;
    readonly municipality: string | null;
  };
  readonly provider: string | null;
  readonly annualHours: number | null;
  readonly budgetCents: number | null;
  readonly estimatedCostCents: number | null;
  readonly checks: readonly string[];
  /** What staff should know before deciding (tariffs of a disciplinare past its validity). */
  readonly notices: readonly string[];
  readonly deadlines: readonly { readonly label: string; readonly date: CalendarDate }[];
  readonly documentUrl: string | null;
  readonly decision: { readonly by: string; readonly at: Date; readonly reason: string | null } | null;
  /** What happened after approval: sent to the provider, due back, returned or refused. */
  readonly delivery: {
    readonly sentAt: Date | null;
    readonly dueBackOn: CalendarDate | null;
    readonly returnedAt: Date | null;
    readonly refusalReason: string | null;
  };
  /** Each step's planned date beside the day it happened (seed l. 205-264). */
  readonly milestones: readonly ContractMilestone[];
  /** The operator the provider assigned, when known. */
  readonly operatorName: string | null;
  /** Returned signed and the fase D not yet marked: staff can mark it. */
  readonly phaseDPending: boolean;
}

/** A step of a contract: when it was due and when it was done. */
export interface ContractMilestone {
  readonly label: string;
  readonly planned: CalendarDate | null;
  readonly actual: CalendarDate | null;
}
