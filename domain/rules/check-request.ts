import type { RequestDraft } from '../requests/request-draft.js';
import { attendanceProblems } from './attendance-rule.js';
import { budgetProblems } from './budget-rule.js';
import type { CheckContext } from './check-context.js';
import { datesProblems } from './dates-rule.js';
import { dayUnitProblems } from './day-unit-rule.js';
import { municipalityProblems } from './municipality-rule.js';
import { noticeProblems } from './notice-rule.js';
import { operatorProfileProblems } from './operator-profile-rule.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-rule.js';
import { taxCodeProblems } from './tax-code-rule.js';

const genericCodes = new Set(['missing_field', 'invalid_value', 'service_via_gecas']);

/**
 * Every rule of the disciplinare a request must satisfy before the office can act on it. An empty
 * list means the request can be acknowledged; otherwise each problem tells the social worker, in
 * Italian, which field to fix and how.
 */
export async function checkRequest(draft: RequestDraft, context: CheckContext): Promise<Problem[]> {
  // Seed l. 2659, 2831, 2991: ISD, Voucher FNA and QSFP are asked through Gecas: nothing else of the
  // e-mailed form applies, so nothing else is asked of it.
  if (draft.request.gecasOnlyService)
    return schemaProblems(draft).filter((problem) => problem.code === 'service_via_gecas');
  const specific = [
    ...(await taxCodeProblems(draft)),
    ...municipalityProblems(draft),
    ...noticeProblems(draft, context),
    ...datesProblems(draft, context),
    ...budgetProblems(draft, context),
    ...operatorProfileProblems(draft),
    ...dayUnitProblems(draft),
    ...attendanceProblems(draft, context.catalogue),
  ];
  const specificFields = new Set(specific.map((problem) => problem.field));
  // A day-centre request takes its service from the unit: a missing or unknown unit says what to fix.
  if (
    draft.kind === 'day_centre_entry' &&
    (draft.request.dayUnit === null || specificFields.has('request.dayUnit'))
  ) {
    specificFields.add('service');
  }
  const generic = schemaProblems(draft).filter(
    (problem) => genericCodes.has(problem.code) && !specificFields.has(problem.field),
  );
  return [...generic, ...specific];
}
