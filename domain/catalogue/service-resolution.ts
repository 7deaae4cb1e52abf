import { ageOn, type CalendarDate } from '../calendar/calendar-date.js';
import { findDayUnit } from './day-units.js';

// ADM is for minors, ADEA its extension to adults (disciplinare, ADM-ADEA "Destinatari"): age on the start date decides.
export function homeEducationServiceFor(birthDate: CalendarDate, startDate: CalendarDate): 'ADM' | 'ADEA' {
  return ageOn(birthDate, startDate) < 18 ? 'ADM' : 'ADEA';
}

// Day-centre requests take their service (CDD/CSE/SFA) from the chosen unit (allegato RICHIESTA DI INGRESSO).
export function dayCentreServiceFor(dayUnitText: string): 'CDD' | 'CSE' | 'SFA' | null {
  return findDayUnit(dayUnitText)?.service ?? null;
}
