import { operatorProfileLabels, profileOfPhrase } from '../catalogue/operator-profiles.js';
import { compareDates, minDate, type CalendarDate } from '../calendar/calendar-date.js';
import { formatLongItalianDate } from '../calendar/italian-date-format.js';
import { serviceLabel } from '../catalogue/services.js';
import { formatEuro, formatHours, type Cents } from '../money.js';
import type { Problem } from '../rules/problem.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { OperatorProfile } from '../catalogue/service-codes.js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** What a project is committed to at some moment: the terms a variation or a cessation changes. */
export interface ProjectTerms {
  readonly committedBudgetCents: Cents;
  readonly annualMinutes: number | null;
  readonly endDate: CalendarDate | null;
  /** SAAP: the operator's profile, which sets the hourly tariff. */
  readonly operatorProfile: OperatorProfile | null;
}

/** A dated change of a project, as an accepted variation or cessation makes it. */
export interface ProjectChange {
  readonly kind: 'variation' | 'cessation';
  /** The decorrenza of a variation, the last day of service of a cessation. */
  readonly effectiveOn: CalendarDate;
  /** The terms from `effectiveOn` on; a field left as before is the same as in `previous`. */
  readonly terms: ProjectTerms;
  readonly previous: ProjectTerms;
}

/** The project a variation or cessation is about, as the register knows it. */
export interface ChangedProject extends ProjectTerms {
  readonly startDate: CalendarDate;
}

/**
 * The change an accepted variation or cessation makes to `project`.
 * Variation (seed l. 492-504, modulo VARIAZIONE): the new annual budget always, the new annual hours
 * when the form states them, and for SAAP the operator's profile when the change names one (seed
 * l. 3430-3433: a change of profile changes the spending), from the decorrenza. Cessation (modulo CESSAZIONE): the project ends on
 * the date given, never later than it was going to end.
 */
export function changeOf(draft: RequestDraft, project: ChangedProject): ProjectChange | null {
  const previous: ProjectTerms = {
    committedBudgetCents: project.committedBudgetCents,
    annualMinutes: project.annualMinutes,
    endDate: project.endDate,
    operatorProfile: project.operatorProfile,
  };
  const { request } = draft;
  if (draft.kind === 'variation' && request.effectiveDate && request.annualBudgetCents !== null) {
    return {
      kind: 'variation',
      effectiveOn: request.effectiveDate,
      previous,
      terms: {
        ...previous,
        committedBudgetCents: request.annualBudgetCents,
        annualMinutes:
          request.annualHours !== null ? Math.round(request.annualHours * 60) : previous.annualMinutes,
        operatorProfile:
          draft.service === 'SAAP'
            ? // The form has no profile boxes: the change's own words say where the operator goes.
              (profileNamedIn(request.change ?? '') ?? request.operatorProfile ?? previous.operatorProfile)
            : previous.operatorProfile,
      },
    };
  }
  if (draft.kind === 'cessation' && request.endDate) {
    const endDate = project.endDate ? minDate(project.endDate, request.endDate) : request.endDate;
    return { kind: 'cessation', effectiveOn: request.endDate, previous, terms: { ...previous, endDate } };
  }
  return null;
}

/** A variation's budget as the register keeps it (cancelled ones are left out). */
export interface BudgetChange {
  readonly effectiveOn: CalendarDate;
  readonly committedBudgetCents: Cents;
  readonly previousCommittedBudgetCents: Cents;
}

/** The annual budget in force on a date, and since when when a variation brought it. */
export interface BudgetInForce {
  readonly committedBudgetCents: Cents;
  readonly changedOn: CalendarDate | null;
}

/**
 * The budget in force on `on`. The register holds the latest budget (a variation is applied when it
 * is accepted); one whose decorrenza is still ahead has not yet replaced the budget before it.
 */
export function budgetInForce(
  latestCents: Cents,
  changes: readonly BudgetChange[],
  on: CalendarDate,
): BudgetInForce {
  const byDate = [...changes].sort((a, b) => compareDates(a.effectiveOn, b.effectiveOn));
  const ahead = byDate.find((change) => compareDates(change.effectiveOn, on) > 0);
  const inForce = byDate.filter((change) => compareDates(change.effectiveOn, on) <= 0).at(-1);
  return {
    committedBudgetCents: ahead ? ahead.previousCommittedBudgetCents : latestCents,
    changedOn: inForce?.effectiveOn ?? null,
  };
}

/** What changes, in Italian, for the provider, the Comune and staff. */
export function describeChange(change: ProjectChange): string[] {
  if (change.kind === 'cessation')
    return [`il servizio cessa il ${formatLongItalianDate(change.effectiveOn)} (ultimo giorno di servizio)`];
  const lines = [
    `decorrenza: ${formatLongItalianDate(change.effectiveOn)}`,
    `budget annuale: ${formatEuro(change.terms.committedBudgetCents)} (in precedenza ${formatEuro(change.previous.committedBudgetCents)})`,
  ];
  if (change.terms.annualMinutes !== change.previous.annualMinutes && change.terms.annualMinutes !== null)
    lines.push(
      `ore annue: ${formatHours(change.terms.annualMinutes / 60)}${change.previous.annualMinutes !== null ? ` (in precedenza ${formatHours(change.previous.annualMinutes / 60)})` : ''}`,
    );
  if (change.terms.operatorProfile !== change.previous.operatorProfile && change.terms.operatorProfile)
    lines.push(
      `profilo dell'operatore: ${operatorProfileLabels[change.terms.operatorProfile]}${change.previous.operatorProfile ? ` (in precedenza ${operatorProfileLabels[change.previous.operatorProfile]})` : ''}`,
    );
  return lines;
}

/**
 * The profile a variation's free text moves the operator to: the last one it names ("da
 * educatore professionale a educatore", "passaggio a D1"); null when it names none.
 */
export function profileNamedIn(text: string): OperatorProfile | null {
  const mentions = normalizeForMatching(text).matchAll(
    // «ASA/OSS (D1)» is one profile: its grade is part of its name, not a move to «educatore (D1)».
    /\b(asa ?\/? ?oss(?: d1)?|oss(?: d1)?|educat(?:ore|rice) professionale(?: d2)?|d2|educat(?:ore|rice)(?: d1)?|d1)\b/g,
  );
  let last: OperatorProfile | null = null;
  for (const [mention] of mentions) last = profileOfPhrase(mention) ?? last;
  return last;
}

/**
 * The problem of a variation or cessation that names no project in the register: it cannot be
 * applied, and the Comune is asked which project it means (issue: "no matching project").
 */
export function projectNotFound(draft: RequestDraft): Problem {
  const service = draft.service ? serviceLabel(draft.service) : 'indicato';
  const taxCode = draft.beneficiary.taxCode ?? 'indicato';
  return {
    code: 'project_not_found',
    field: 'beneficiary.taxCode',
    message: `non risulta in corso un progetto del servizio ${service} per il beneficiario con codice fiscale ${taxCode}: verificare il codice fiscale e il servizio indicati, oppure inviare prima la richiesta di attivazione.`,
    details: { service: draft.service, taxCode: draft.beneficiary.taxCode },
  };
}
