import type { z } from 'zod';
import { dayUnits } from '../catalogue/day-units.js';
import { serviceDefinition } from '../catalogue/services.js';
import type { RequestKind } from '../catalogue/procedures.js';
import type { RequestDraft } from '../requests/request-draft.js';
import { publicFieldPath } from '../requests/request-draft.js';
import {
  activationRequestSchema,
  cessationNoticeSchema,
  dayCentreEntrySchema,
  variationRequestSchema,
} from '../requests/request-schemas.js';
import { fieldLabel } from './field-labels.js';
import type { Problem } from './problem.js';

const schemas: Record<RequestKind, z.ZodType> = {
  activation: activationRequestSchema,
  day_centre_entry: dayCentreEntrySchema,
  variation: variationRequestSchema,
  cessation: cessationNoticeSchema,
};

// Required fields and value ranges come from the zod schemas of the forms (disciplinare, allegati).
export function schemaProblems(draft: RequestDraft): Problem[] {
  const result = schemas[draft.kind].safeParse(draft);
  const problems = new Map<string, Problem>();
  for (const [path, raw] of Object.entries(draft.unreadable)) {
    problems.set(path, unreadableProblem(path, raw));
  }
  if (result.success) return [...problems.values()];
  for (const issue of result.error.issues) {
    const issuePath = issue.path.slice(0, 2).join('.');
    if (problems.has(issuePath) || issuePath === 'kind') continue;
    const value = valueAt(draft, issue.path.slice(0, 2));
    problems.set(
      issuePath,
      isBlank(value) ? missingProblem(issuePath, draft) : outOfRangeProblem(issuePath, value),
    );
  }
  return [...problems.values()];
}

function missingProblem(path: string, draft: RequestDraft): Problem {
  const field = publicFieldPath(path);
  if (path === 'service' && draft.kind === 'variation' && draft.request.dayCentreTicked) {
    // The variation form has one box for the three day-centre services: the unit tells which.
    return {
      code: 'missing_field',
      field: 'request.dayUnit',
      message: `È barrato il servizio CSE-CDD-SFA ma non è indicata l'unità d'offerta: indicare quale tra le seguenti: ${dayUnits.map((unit) => unit.name).join('; ')}.`,
    };
  }
  if (path === 'service' && draft.request.gecasOnlyService) {
    const service = serviceDefinition(draft.request.gecasOnlyService);
    return {
      code: 'service_via_gecas',
      field: null,
      message: `L'attivazione del servizio ${service.name} si richiede attraverso la piattaforma socio-sanitaria Gecas, come previsto dal disciplinare: si prega di inserire la richiesta in Gecas; non occorre inviarla per posta elettronica.`,
      details: { service: service.code },
    };
  }
  if (path === 'service') {
    return {
      code: 'missing_field',
      field,
      message: 'Non è indicato il TIPO DI SERVIZIO: barrare una sola delle opzioni previste dal modulo.',
    };
  }
  if (path === 'request.attendance') {
    return {
      code: 'missing_field',
      field,
      message:
        'Non è indicato il TIPO DI FREQUENZA PREVISTA: specificare full time, part time orizzontale oppure part time verticale con i giorni di frequenza settimanale.',
    };
  }
  const label =
    path === 'request.endDate' && draft.kind === 'cessation' ? 'data di cessazione' : fieldLabel(field);
  return {
    code: 'missing_field',
    field,
    message: `Manca il campo «${label}»: indicarlo nel modulo e inviarlo nuovamente.`,
  };
}

function unreadableProblem(path: string, raw: string): Problem {
  const field = publicFieldPath(path);
  return {
    code: 'invalid_value',
    field,
    message: `Il valore «${raw.slice(0, 80)}» indicato in «${fieldLabel(field)}» non è comprensibile: ${formatHint(field)}.`,
    details: { raw: raw.slice(0, 200) },
  };
}

function outOfRangeProblem(path: string, value: unknown): Problem {
  const field = publicFieldPath(path);
  const shown = typeof value === 'object' ? '' : ` (${String(value)})`;
  return {
    code: 'invalid_value',
    field,
    message: `Il valore indicato in «${fieldLabel(field)}»${shown} non è ammissibile: ${formatHint(field)}.`,
  };
}

function formatHint(field: string): string {
  if (/Date$|signedOn$/.test(field)) return 'indicare una data valida nel formato GG/MM/AAAA';
  if (field.endsWith('annualHours'))
    return 'indicare il numero di ore annue (ad esempio 200), non superiore alle ore di un anno';
  if (field.endsWith('annualBudget')) return "indicare l'importo in euro (ad esempio € 4.300,00)";
  if (field.endsWith('taxCode')) return 'indicare i 16 caratteri del codice fiscale';
  if (field.endsWith('attendance'))
    return 'indicare full time, part time orizzontale o part time verticale con i giorni';
  return 'correggere il dato nel modulo';
}

function valueAt(draft: RequestDraft, path: PropertyKey[]): unknown {
  let current: unknown = draft;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
