import { centsToEuros } from '../money.js';
import type { TriageResult } from './triage-mail.js';

const isoWithRomeOffset = (instant: Date): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
};

/** The stable JSON contract of `npm run triage` (issue #4): absent values are null, money in euros. */
export function triageToJson(result: TriageResult) {
  return {
    kind: result.kind,
    service: result.service,
    receivedAt: isoWithRomeOffset(result.receivedAt),
    ...formFields(result),
    staffReason: staffReasonOf(result),
    // Only for a spending forecast, so that the other messages' JSON stays as it was.
    ...(result.forecast
      ? {
          forecast: {
            service: result.forecast.service,
            taxCodes: result.forecast.taxCodes,
            lines: result.forecast.lines,
          },
        }
      : {}),
    // Only when the message carries several forms (issue #15): each as the top level shows the first.
    ...(result.forms
      ? {
          forms: result.forms.map((form) => ({
            kind: form.kind,
            service: form.service,
            source: form.formSource,
            ...formFields(form),
            staffReason: staffReasonOf(form),
          })),
        }
      : {}),
  };
}

/**
 * Why a message goes to staff, as a stable code beside the action (null when it does not):
 * `quarantined`, `scan_uncertain`, `forecast`, `reply` (a reply without a new form), `no_form`, or
 * `form_unclear` (a form that could not be decided).
 */
export function staffReasonOf(
  result: Pick<TriageResult, 'action' | 'kind' | 'staffNote'> &
    Partial<Pick<TriageResult, 'quarantineReason' | 'forecast'>>,
): string | null {
  if (result.quarantineReason) return 'quarantined';
  if (result.action !== 'forward_to_staff') return null;
  if (result.staffNote) return 'scan_uncertain';
  if (result.forecast) return 'forecast';
  if (result.kind === 'reply') return 'reply';
  if (result.kind === 'other') return 'no_form';
  return 'form_unclear';
}

function formFields(form: Pick<TriageResult, 'draft' | 'problems' | 'action'>) {
  const draft = form.draft;
  const r = draft?.request;
  return {
    beneficiary: draft
      ? {
          surname: draft.beneficiary.surname,
          name: draft.beneficiary.name,
          birthDate: draft.beneficiary.birthDate,
          taxCode: draft.beneficiary.taxCode,
          municipality: draft.beneficiary.municipality,
        }
      : null,
    request: r
      ? {
          startDate: r.startDate,
          endDate: r.endDate,
          effectiveDate: r.effectiveDate,
          annualHours: r.annualHours,
          annualBudget: r.annualBudgetCents === null ? null : centsToEuros(r.annualBudgetCents),
          provider: r.provider,
          coPayingMunicipality: r.coPayingMunicipality,
          operatorProfile: r.operatorProfile,
          upperSecondary: r.upperSecondary,
          dayUnit: r.dayUnit,
          attendance: r.attendance?.type ?? null,
          change: r.change,
          socialWorker: r.socialWorker,
        }
      : null,
    problems: form.problems.map((problem) => ({
      code: problem.code,
      field: problem.field,
      message: problem.message,
    })),
    action: form.action,
  };
}
