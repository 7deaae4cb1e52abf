import type { ServiceCode } from './service-codes.js';
import { serviceDefinitions, type MonthlyCycleKind, type ServiceDefinition } from './services.js';

/** Day numbers of the month after service (M+1) at which each step of the monthly cycle falls. */
export interface MonthlyCycleDays {
  /** Provider validates the month's hours in Gecas by this day. */
  readonly providerValidationByDay: number | null;
  /** The Comune checks the hours from … to … */
  readonly municipalityCheckFromDay: number | null;
  readonly municipalityCheckToDay: number | null;
  /** Hours count as validated from this day, absent objections. */
  readonly validatedFromDay: number | null;
  /** Provider sends the attendance sheet by this day (day centres). */
  readonly attendanceSheetByDay: number | null;
  /** Provider may invoice from this day until the last day of M+1. */
  readonly invoiceFromDay: number | null;
  /** Whether the invoice is due by the last day of M+1. */
  readonly invoiceByMonthEnd: boolean;
  readonly source: string;
}

export const monthlyCycleDays: Readonly<Record<MonthlyCycleKind, MonthlyCycleDays | null>> = {
  gecas_hours: {
    providerValidationByDay: 8,
    municipalityCheckFromDay: 9,
    municipalityCheckToDay: 20,
    validatedFromDay: 21,
    attendanceSheetByDay: null,
    invoiceFromDay: 21,
    invoiceByMonthEnd: true,
    source: 'disciplinare, SAD FASI 7-8 (entro il giorno 8; dal 9 al 20; dal 21; fattura dal 21 a fine mese)',
  },
  attendance_sheet: {
    providerValidationByDay: null,
    municipalityCheckFromDay: null,
    municipalityCheckToDay: null,
    validatedFromDay: null,
    attendanceSheetByDay: 10,
    invoiceFromDay: null,
    invoiceByMonthEnd: true,
    source: 'disciplinare, CDD-CSE-SFA FASI 6-7 (presenze entro il giorno 10; fattura entro fine mese)',
  },
  end_of_intervention: null,
  quarterly_invoice: null,
  agency_pays_monthly: null,
};

/** Calendar days after the invoice date, then to the end of that month ("30 giorni data fattura fine mese"). */
export const paymentTermDays = 30; // disciplinare, SAD FASE 8

/** The services whose providers follow a monthly cycle: the calendar reminds each only of its own. */
export function servicesWithCycle(
  cycle: MonthlyCycleKind,
  services: readonly ServiceDefinition[] = serviceDefinitions,
): ServiceCode[] {
  return services.filter((service) => service.monthlyCycle === cycle).map((service) => service.code);
}
