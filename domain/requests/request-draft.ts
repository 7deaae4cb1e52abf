import type { CalendarDate } from '../calendar/calendar-date.js';
import type { RequestKind } from '../catalogue/procedures.js';
import type { OperatorProfile, ServiceCode } from '../catalogue/service-codes.js';
import type { Cents } from '../money.js';
import type { Attendance } from './request-schemas.js';

/**
 * What was read from a form before any check: every field may be missing. `checkRequest` turns a
 * draft into problems; a draft without problems parses into a complete `ServiceRequest`.
 */
export interface RequestDraft {
  readonly kind: RequestKind;
  readonly service: ServiceCode | null;
  readonly beneficiary: {
    readonly surname: string | null;
    readonly name: string | null;
    readonly birthDate: CalendarDate | null;
    readonly taxCode: string | null;
    readonly municipality: string | null;
  };
  readonly request: {
    readonly startDate: CalendarDate | null;
    readonly endDate: CalendarDate | null;
    readonly effectiveDate: CalendarDate | null;
    readonly annualHours: number | null;
    /** SAD/SADH: of the annual hours, those on Sundays and national holidays (festive tariff). */
    readonly festiveHours: number | null;
    readonly annualBudgetCents: Cents | null;
    readonly provider: string | null;
    readonly coPayingMunicipality: string | null;
    readonly operatorProfile: OperatorProfile | null;
    readonly upperSecondary: boolean;
    /** SIP: the form or its message says the minor is placed (collocato) in a community or foster care. */
    readonly placedMinor: boolean;
    readonly dayUnit: string | null;
    /** The variation form's "SERVIZO CSE-CDD-SFA" box is ticked (the unit then says which). */
    readonly dayCentreTicked: boolean;
    /** An activation naming a service that is requested through Gecas, not by e-mail (ISD, FNA, QSFP). */
    readonly gecasOnlyService: ServiceCode | null;
    readonly attendance: Attendance | null;
    readonly change: string | null;
    readonly reason: string | null;
    readonly socialWorker: string | null;
    readonly mainActivityCode: string | null;
    readonly secondaryActivityCodes: readonly string[];
    readonly signedPlace: string | null;
    readonly signedOn: CalendarDate | null;
  };
  /** Text found next to a field's label that could not be understood, keyed by field path. */
  readonly unreadable: Readonly<Record<string, string>>;
}

/** A draft with nothing filled in, to build on. */
export function emptyRequestDraft(kind: RequestKind, service: ServiceCode | null = null): RequestDraft {
  return {
    kind,
    service,
    beneficiary: { surname: null, name: null, birthDate: null, taxCode: null, municipality: null },
    request: {
      startDate: null,
      endDate: null,
      effectiveDate: null,
      annualHours: null,
      festiveHours: null,
      annualBudgetCents: null,
      provider: null,
      coPayingMunicipality: null,
      operatorProfile: null,
      upperSecondary: false,
      placedMinor: false,
      dayUnit: null,
      dayCentreTicked: false,
      gecasOnlyService: null,
      attendance: null,
      change: null,
      reason: null,
      socialWorker: null,
      mainActivityCode: null,
      secondaryActivityCodes: [],
      signedPlace: null,
      signedOn: null,
    },
    unreadable: {},
  };
}

/** The public name of a draft field path: money travels in cents inside, in euros at the edges. */
export function publicFieldPath(path: string): string {
  return path.replace(/Cents$/, '');
}
