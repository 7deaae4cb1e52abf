import { z } from 'zod';
import { calendarDateSchema } from '../calendar/calendar-date.js';
import {
  dayCentreServiceCodes,
  hourlyServiceCodes,
  operatorProfiles,
  serviceCodes,
} from '../catalogue/service-codes.js';
import { beneficiarySchema } from './beneficiary.js';

const text = z.string().trim().min(1);
const optionalText = text.nullable();
// A year has at most 8,784 hours; more is a typing slip, not a plan.
const annualHours = z.number().positive().max(8784);
// Amounts above one million euro for one beneficiary are typing slips.
const budgetCents = z.number().int().positive().max(100_000_000);

/** Attendance of a day centre: full time, horizontal part time, or vertical part time on given weekdays. */
export const attendanceSchema = z
  .object({
    type: z.enum(['full_time', 'part_time_horizontal', 'part_time_vertical']),
    /** ISO weekdays (1 = Monday) for vertical part time. */
    weekdays: z.array(z.number().int().min(1).max(7)),
    /** The form's own words. */
    text: z.string(),
  })
  // The form asks the weekdays of attendance for vertical part time (allegato RICHIESTA DI INGRESSO).
  .refine((attendance) => attendance.type !== 'part_time_vertical' || attendance.weekdays.length > 0, {
    message: 'vertical part time needs its weekdays',
    path: ['weekdays'],
  });
export type Attendance = z.infer<typeof attendanceSchema>;

const signature = {
  /** "Luogo, data" of the Responsabile di Servizio's signature. */
  signedPlace: optionalText,
  signedOn: calendarDateSchema.nullable(),
};

/** RICHIESTA DI ATTIVAZIONE SERVIZIO ACCREDITATO (disciplinare, allegati). */
export const activationRequestSchema = z.object({
  kind: z.literal('activation'),
  service: z.enum(hourlyServiceCodes),
  beneficiary: beneficiarySchema,
  request: z.object({
    startDate: calendarDateSchema,
    endDate: calendarDateSchema.nullable(),
    annualHours,
    provider: text,
    mainActivityCode: optionalText,
    secondaryActivityCodes: z.array(z.string()),
    /** Quota a carico Comune, authorising payment of the provider's invoices. */
    annualBudgetCents: budgetCents,
    /** ADM or SIP: the Comune sharing the cost. */
    coPayingMunicipality: optionalText,
    /** SAAP: one operator profile per plan. */
    operatorProfile: z.enum(operatorProfiles).nullable(),
    /** SAAP: pupil attends upper secondary school. */
    upperSecondary: z.boolean(),
    socialWorker: optionalText,
    ...signature,
  }),
});
export type ActivationRequest = z.infer<typeof activationRequestSchema>;

/** RICHIESTA DI INGRESSO IN SERVIZIO DIURNO (disciplinare, allegati). */
export const dayCentreEntrySchema = z.object({
  kind: z.literal('day_centre_entry'),
  service: z.enum(dayCentreServiceCodes),
  beneficiary: beneficiarySchema,
  request: z.object({
    /** The unit (UDO) as written on the form; resolved against the catalogue by the rules. */
    dayUnit: text,
    startDate: calendarDateSchema,
    attendance: attendanceSchema,
    annualBudgetCents: budgetCents,
    socialWorker: optionalText,
    ...signature,
  }),
});
export type DayCentreEntryRequest = z.infer<typeof dayCentreEntrySchema>;

/** RICHIESTA DI VARIAZIONE PROGETTUALE (disciplinare, allegati). */
export const variationRequestSchema = z.object({
  kind: z.literal('variation'),
  service: z.enum(serviceCodes),
  beneficiary: beneficiarySchema,
  request: z.object({
    /** Decorrenza: at least 15 days after the notice. */
    effectiveDate: calendarDateSchema,
    /** The change requested, in the social worker's words. */
    change: text,
    /** New annual hours when the change states them. */
    annualHours: annualHours.nullable(),
    /** Nuovo budget annuale assegnato. */
    annualBudgetCents: budgetCents,
    socialWorker: optionalText,
    ...signature,
  }),
});
export type VariationRequest = z.infer<typeof variationRequestSchema>;

/** MODULO DI CESSAZIONE: early end of a service (disciplinare, SAD "Specifiche"). */
export const cessationNoticeSchema = z.object({
  kind: z.literal('cessation'),
  service: z.enum(serviceCodes),
  beneficiary: beneficiarySchema,
  request: z.object({
    endDate: calendarDateSchema,
    reason: optionalText,
    socialWorker: optionalText,
    ...signature,
  }),
});
export type CessationNotice = z.infer<typeof cessationNoticeSchema>;

export const serviceRequestSchema = z.discriminatedUnion('kind', [
  activationRequestSchema,
  dayCentreEntrySchema,
  variationRequestSchema,
  cessationNoticeSchema,
]);

/** A complete, validated request of any kind. */
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
