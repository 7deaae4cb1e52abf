import { addDays, type CalendarDate } from '../calendar/calendar-date.js';
import { formatShortItalianDate } from '../calendar/italian-date-format.js';
import type { RequestDraft } from '../requests/request-draft.js';
import type { CheckContext } from './check-context.js';
import type { Problem } from './problem.js';

// Requests plan the next periods: a date more than two years ahead is a typing slip.
const planningHorizonDays = 2 * 366;
const oldestPlausibleAgeDays = 120 * 366;

// Dates must follow each other: birth ≤ receipt, start ≥ receipt, end ≥ start (issue #2, rule 4).
export function datesProblems(draft: RequestDraft, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const { birthDate } = draft.beneficiary;
  const { startDate, endDate, effectiveDate } = draft.request;
  const received = context.receivedOn;
  const short = formatShortItalianDate;

  if (birthDate && birthDate > received) {
    problems.push(
      inconsistent(
        'beneficiary.birthDate',
        `La data di nascita (${short(birthDate)}) è successiva alla data della richiesta: verificarla.`,
      ),
    );
  } else if (birthDate && birthDate < addDays(received, -oldestPlausibleAgeDays)) {
    problems.push(
      inconsistent(
        'beneficiary.birthDate',
        `La data di nascita (${short(birthDate)}) non è plausibile: verificarla.`,
      ),
    );
  }

  if (startDate && draft.kind !== 'cessation') {
    if (startDate < received) {
      problems.push(
        inconsistent(
          'request.startDate',
          `La data di avvio (${short(startDate)}) è anteriore alla ricezione della richiesta (${short(received)}): il servizio non può essere attivato con decorrenza retroattiva. Indicare una data di avvio successiva.`,
        ),
      );
    } else if (isBeyondHorizon(startDate, received)) {
      problems.push(
        inconsistent(
          'request.startDate',
          `La data di avvio (${short(startDate)}) è troppo lontana nel tempo: verificarla.`,
        ),
      );
    }
    if (birthDate && startDate < birthDate) {
      problems.push(
        inconsistent(
          'request.startDate',
          `La data di avvio (${short(startDate)}) precede la data di nascita del beneficiario: verificarla.`,
        ),
      );
    }
  }

  if (startDate && endDate && draft.kind !== 'cessation' && endDate < startDate) {
    problems.push(
      inconsistent(
        'request.endDate',
        `La data di termine del servizio (${short(endDate)}) precede la data di avvio (${short(startDate)}): correggere una delle due date.`,
      ),
    );
  }

  if (effectiveDate && isBeyondHorizon(effectiveDate, received)) {
    problems.push(
      inconsistent(
        'request.effectiveDate',
        `La data di decorrenza (${short(effectiveDate)}) è troppo lontana nel tempo: verificarla.`,
      ),
    );
  }

  if (draft.kind === 'cessation' && endDate && isBeyondHorizon(endDate, received)) {
    problems.push(
      inconsistent(
        'request.endDate',
        `La data di cessazione (${short(endDate)}) è troppo lontana nel tempo: verificarla.`,
      ),
    );
  }
  return problems;
}

function isBeyondHorizon(date: CalendarDate, received: CalendarDate): boolean {
  return date > addDays(received, planningHorizonDays);
}

function inconsistent(field: string, message: string): Problem {
  return { code: 'dates_inconsistent', field, message };
}
