import { z } from 'zod';
import { calendarDateSchema } from '../calendar/calendar-date.js';

const text = z.string().trim().min(1);

/** The DATI ANAGRAFICI BENEFICIARIO block shared by every form. */
export const beneficiarySchema = z.object({
  surname: text,
  name: text,
  birthDate: calendarDateSchema,
  taxCode: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
    .pipe(z.string().min(1)),
  /** Comune di residenza. */
  municipality: text,
});

export type Beneficiary = z.infer<typeof beneficiarySchema>;
