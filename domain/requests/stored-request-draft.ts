import { z } from 'zod';
import { AppError } from '../app-error.js';
import { tryCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import { operatorProfiles, serviceCodes } from '../catalogue/service-codes.js';
import type { RequestDraft } from './request-draft.js';
import { attendanceSchema } from './request-schemas.js';

const date = z.string().transform((value, context): CalendarDate => {
  const parsed = tryCalendarDate(value);
  if (!parsed) context.addIssue({ code: 'custom', message: `not a calendar date: ${value}` });
  return parsed ?? z.NEVER;
});
const text = z.string().nullable();

/** A request's draft as stored with it (`request.fields`): what triage read from the form. */
const storedDraftSchema = z.object({
  kind: z.enum(['activation', 'day_centre_entry', 'variation', 'cessation']),
  service: z.enum(serviceCodes).nullable(),
  beneficiary: z.object({
    surname: text,
    name: text,
    birthDate: date.nullable(),
    taxCode: text,
    municipality: text,
  }),
  request: z.object({
    startDate: date.nullable(),
    endDate: date.nullable(),
    effectiveDate: date.nullable(),
    annualHours: z.number().nullable(),
    festiveHours: z.number().nullable().default(null),
    annualBudgetCents: z.number().int().nullable(),
    provider: text,
    coPayingMunicipality: text,
    operatorProfile: z.enum(operatorProfiles).nullable(),
    upperSecondary: z.boolean(),
    placedMinor: z.boolean().default(false),
    dayUnit: text,
    dayCentreTicked: z.boolean().default(false),
    gecasOnlyService: z.enum(serviceCodes).nullable().default(null),
    attendance: attendanceSchema.nullable(),
    change: text,
    reason: text,
    socialWorker: text,
    mainActivityCode: text,
    secondaryActivityCodes: z.array(z.string()),
    signedPlace: text,
    signedOn: date.nullable(),
  }),
  unreadable: z.record(z.string(), z.string()),
});

/**
 * Reads back the draft stored with a request. Stored JSON is never trusted as it is: a row that
 * an older version wrote differently, or someone edited, fails with `invalid_input` here, not later.
 */
export function parseStoredDraft(json: unknown): RequestDraft {
  const parsed = storedDraftSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'invalid_input',
      `Stored request fields do not parse: ${parsed.error.issues[0]?.message}`,
      {
        details: { path: parsed.error.issues[0]?.path.join('.') },
      },
    );
  }
  return parsed.data;
}
