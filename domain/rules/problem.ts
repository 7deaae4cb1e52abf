/** Stable codes of what can be wrong with a request; mail replies, JSON and tests rely on them. */
export const problemCodes = [
  'missing_field',
  'invalid_value',
  'invalid_tax_code',
  'tax_code_mismatch',
  'municipality_outside_ambito',
  'notice_too_short',
  'dates_inconsistent',
  'budget_insufficient',
  'operator_profile_missing',
  'unknown_day_unit',
  'project_not_found',
  'service_via_gecas',
  'part_time_hours',
] as const;

export type ProblemCode = (typeof problemCodes)[number];

/**
 * One thing the social worker must fix. `field` is the dotted path of the form field
 * (`request.annualBudget`, `beneficiary.taxCode`), `message` tells her in Italian what to change.
 */
export interface Problem {
  readonly code: ProblemCode;
  readonly field: string | null;
  readonly message: string;
  /** Figures behind the message (amounts in cents, dates) for replies and cards. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}
