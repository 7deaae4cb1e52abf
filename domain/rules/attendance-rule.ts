import { defaultCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { serviceDefinition } from '../catalogue/services.js';
import { formatHours } from '../money.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { Problem } from './problem.js';

// Part time at CDD/CSE is 3 to 5 hours a day, at SFA up to 3; more is full time (seed l. 3466-3467, 3476-3477).
export function attendanceProblems(draft: RequestDraft, catalogue: Catalogue = defaultCatalogue): Problem[] {
  const attendance = draft.request.attendance;
  if (draft.kind !== 'day_centre_entry' || !draft.service || !attendance) return [];
  if (attendance.type === 'full_time') return [];
  const limits = serviceDefinition(draft.service, catalogue.services).partTimeDailyHours;
  const hours = dailyHoursIn(attendance.text);
  if (!limits || hours === null) return [];
  const service = draft.service;
  const problem = (message: string): Problem[] => [
    { code: 'part_time_hours', field: 'request.attendance', message, details: { hours, ...limits } },
  ];
  if (hours > limits.max)
    return problem(
      `Per il ${service} la frequenza part time è ${limits.min !== null ? `da ${limits.min} a ${limits.max}` : `fino a ${limits.max}`} ore giornaliere: con ${formatHours(hours)} ore la frequenza è full time. Indicare «full time» oppure ridurre le ore giornaliere.`,
    );
  if (limits.min !== null && hours < limits.min)
    return problem(
      `Per il ${service} la frequenza part time è di almeno ${limits.min} ore giornaliere: ${formatHours(hours)} ore non sono sufficienti. Verificare le ore giornaliere indicate.`,
    );
  return [];
}

/** "part time 4 ore al giorno", "4,5 h": the daily hours a form states, if it states them. */
function dailyHoursIn(text: string): number | null {
  const match = /(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:ore|h)\b/i.exec(text);
  return match ? Number(match[1]!.replace(',', '.')) : null;
}
