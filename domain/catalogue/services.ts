import { AppError } from '../app-error.js';
import type { ServiceCode } from './service-codes.js';

export type ServiceFamily =
  | 'home_care'
  | 'home_education'
  | 'protected_meetings'
  | 'school_assistance'
  | 'day_centre'
  | 'child_protection'
  | 'home_support'
  | 'disability_voucher'
  | 'poverty_support';

export type BillingUnit = 'hour' | 'day' | 'week' | 'month' | 'package';

/** How a service's monthly reporting and invoicing runs (see month-cycle.ts for the day numbers). */
export type MonthlyCycleKind =
  'gecas_hours' | 'attendance_sheet' | 'end_of_intervention' | 'quarterly_invoice' | 'agency_pays_monthly';

/** A day of the year (month 1–12). */
export interface YearlyDay {
  readonly month: number;
  readonly day: number;
}

/** Billing rules shared by the hourly services. */
export interface HourlyBillingRules {
  /** Minutes of one paid hour that are direct work (the rest is travel). */
  readonly directMinutesPerHour: number;
  /** Smallest billable delivery in minutes, null when there is none. */
  readonly minimumMinutes: number | null;
  /** Each delivery is rounded down to this step. */
  readonly roundingStepMinutes: number;
  /** Back-office hours per beneficiary per month, logged in Gecas but never invoiced. */
  readonly monthlyBackOfficeHours: number;
  /** Whether Sundays and national holidays have their own tariff. */
  readonly festiveTariff: boolean;
}

export interface ContractTerms {
  /** Working days from receipt of the request to send the CONTRATTO DI AVVIO; null when the seed sets none. */
  readonly toProviderWorkingDays: number | null;
  /** Working days the provider has to sign and return it; null when the seed says only "tempestivamente". */
  readonly providerReturnWorkingDays: number | null;
  /** For continuing projects: calendar days after the forecast to send cumulative contracts. */
  readonly cumulativeAfterForecastDays: number | null;
  /** For continuing projects: working days the provider has to sign the cumulative contract. */
  readonly cumulativeReturnWorkingDays: number | null;
}

export interface ForecastRule {
  /** The Comune sends (or countersigns) the spending forecast for the next period by this day. */
  readonly municipalityBy: YearlyDay;
  /** The agency proposes the forecast by this day (Tutela Minori), when it is the agency that starts. */
  readonly agencyProposalBy: YearlyDay | null;
  /** What the forecast covers: the next calendar year or the next school year. */
  readonly period: 'calendar_year' | 'school_year';
}

/** One service of the disciplinare, with every rule that varies between services kept as data. */
export interface ServiceDefinition {
  readonly code: ServiceCode;
  readonly name: string;
  readonly family: ServiceFamily;
  readonly billingUnit: BillingUnit;
  /** What one billed unit is, in Italian, as the seed states it. */
  readonly unitNote: string;
  readonly hourly: HourlyBillingRules | null;
  /** The e-mailed form that activates the service; null when activation goes through Gecas only. */
  readonly activationForm: 'activation' | 'day_centre_entry' | null;
  readonly contract: ContractTerms;
  /** Calendar days the agency has to complete "fase D" in Gecas after the contract returns. */
  readonly faseDDays: number | null;
  readonly monthlyCycle: MonthlyCycleKind;
  readonly forecast: ForecastRule | null;
  /** Share of the cost a second Comune may take on (ADM, SIP), in percent. */
  readonly secondMunicipalitySharePercent: number | null;
  /** Share of the project value charged to the Comune of residence, in percent. */
  readonly municipalitySharePercent: number;
  /** Day centres: the daily hours of a part-time attendance (more is full time). */
  readonly partTimeDailyHours?: { readonly min: number | null; readonly max: number };
  /** Where these rules come from. */
  readonly source: string;
}

const november30: YearlyDay = { month: 11, day: 30 };

const homeCareHour: HourlyBillingRules = {
  directMinutesPerHour: 50,
  minimumMinutes: 30,
  roundingStepMinutes: 15,
  monthlyBackOfficeHours: 0,
  festiveTariff: true,
};

const educationalHour: HourlyBillingRules = {
  directMinutesPerHour: 60,
  minimumMinutes: null,
  roundingStepMinutes: 15,
  monthlyBackOfficeHours: 2,
  festiveTariff: false,
};

const standardContract: ContractTerms = {
  toProviderWorkingDays: 5,
  providerReturnWorkingDays: 2,
  cumulativeAfterForecastDays: 10,
  cumulativeReturnWorkingDays: 5,
};

/** What the six hourly services activated by the RICHIESTA DI ATTIVAZIONE have in common. */
const hourlyService = {
  billingUnit: 'hour',
  activationForm: 'activation',
  monthlyCycle: 'gecas_hours',
  faseDDays: 7,
  contract: standardContract,
  forecast: { municipalityBy: november30, agencyProposalBy: null, period: 'calendar_year' },
  secondMunicipalitySharePercent: null,
  municipalitySharePercent: 100,
} as const satisfies Partial<ServiceDefinition>;

const homeCare = {
  ...hourlyService,
  family: 'home_care',
  unitNote: 'ora = 50 minuti di prestazione diretta + 10 minuti di trasferimento; unità minima 30 minuti',
  hourly: homeCareHour,
  source:
    'disciplinare, SAD-SADH: Modalità di erogazione, Nuove attivazioni FASI 4-5, Progetti in continuità',
} as const satisfies Partial<ServiceDefinition>;

const homeEducation = {
  ...hourlyService,
  family: 'home_education',
  unitNote: 'ora = 60 minuti di attività diretta, trasferimento escluso',
  hourly: educationalHour,
} as const satisfies Partial<ServiceDefinition>;

const dayCentre: Omit<ServiceDefinition, 'code' | 'name' | 'source'> = {
  family: 'day_centre',
  billingUnit: 'day',
  unitNote: 'giornata di frequenza (full time / part time), accesso, ora di attività a distanza, pasto',
  hourly: null,
  activationForm: 'day_centre_entry',
  contract: {
    toProviderWorkingDays: 10,
    providerReturnWorkingDays: 5,
    cumulativeAfterForecastDays: 10,
    cumulativeReturnWorkingDays: 5,
  },
  faseDDays: null,
  monthlyCycle: 'attendance_sheet',
  forecast: { municipalityBy: november30, agencyProposalBy: null, period: 'calendar_year' },
  secondMunicipalitySharePercent: null,
  municipalitySharePercent: 100,
};

const childProtection: Omit<ServiceDefinition, 'code' | 'name' | 'billingUnit' | 'unitNote' | 'source'> = {
  family: 'child_protection',
  hourly: null,
  activationForm: null,
  contract: {
    toProviderWorkingDays: 5,
    providerReturnWorkingDays: null,
    cumulativeAfterForecastDays: null,
    cumulativeReturnWorkingDays: null,
  },
  faseDDays: null,
  monthlyCycle: 'agency_pays_monthly',
  forecast: { municipalityBy: november30, agencyProposalBy: { month: 11, day: 15 }, period: 'calendar_year' },
  secondMunicipalitySharePercent: null,
  municipalitySharePercent: 100,
};

/** Every service of the disciplinare (edition in force from 1 January 2023 until revised). */
export const serviceDefinitions: readonly ServiceDefinition[] = [
  { code: 'SAD', name: 'Servizio di Assistenza Domiciliare Anziani', ...homeCare },
  { code: 'SADH', name: 'Servizio di Assistenza Domiciliare Disabili', ...homeCare },
  {
    code: 'ADM',
    name: 'Servizio di Assistenza Educativa Domiciliare Minori',
    ...homeEducation,
    secondMunicipalitySharePercent: 50,
    source: 'disciplinare, ADM-ADEA: Costo del servizio, Processo operativo (due Comuni al 50%), FASI 3-4',
  },
  {
    code: 'ADEA',
    name: 'Servizio di Assistenza Educativa Domiciliare Adulti',
    ...homeEducation,
    source: 'disciplinare, ADM-ADEA: Costo del servizio, FASI 3-4',
  },
  {
    code: 'SIP',
    name: 'Servizio Incontri Protetti',
    ...homeEducation,
    family: 'protected_meetings',
    secondMunicipalitySharePercent: 50,
    source: 'disciplinare, SIP: Processo operativo, Nuove attivazioni, schede economiche SIP',
  },
  {
    code: 'SAAP',
    name: "Servizio di Assistenza per l'Autonomia Personale degli alunni disabili",
    ...homeEducation,
    family: 'school_assistance',
    unitNote:
      'ora = 60 minuti di attività diretta, trasferimento escluso; un solo profilo di operatore per progetto',
    forecast: { municipalityBy: { month: 7, day: 30 }, agencyProposalBy: null, period: 'school_year' },
    source: 'disciplinare, SAAP: Nuove attivazioni FASE 4, Progetti ad inizio nuovo anno scolastico FASE 1',
  },
  {
    code: 'CDD',
    name: 'Centro Diurno Disabili',
    ...dayCentre,
    partTimeDailyHours: { min: 3, max: 5 }, // seed l. 3466-3467: part time da 3 a 5 ore giornaliere
    source: 'disciplinare, CDD-CSE-SFA: Nuovi inserimenti FASI 4 e 6',
  },
  {
    code: 'CSE',
    name: 'Centro Socio Educativo',
    ...dayCentre,
    partTimeDailyHours: { min: 3, max: 5 }, // seed l. 3466-3467: part time da 3 a 5 ore giornaliere
    source: 'disciplinare, CDD-CSE-SFA: Nuovi inserimenti FASI 4 e 6',
  },
  {
    code: 'SFA',
    name: "Servizio di Formazione all'Autonomia",
    ...dayCentre,
    partTimeDailyHours: { min: null, max: 3 }, // seed l. 3476-3477: part time fino a 3 ore giornaliere
    source: 'disciplinare, CDD-CSE-SFA: Nuovi inserimenti FASI 4 e 6',
  },
  {
    code: 'CENTRO_DIURNO_MINORI',
    name: 'Centro Diurno Minori "Lo Spazio"',
    billingUnit: 'day',
    unitNote: 'giornata di frequenza, IVA inclusa',
    ...childProtection,
    source:
      'disciplinare, Rette Tutela Minori e Centro Diurno Lo Spazio: Nuovi inserimenti FASE 3, Progetti in continuità FASE 1',
  },
  {
    code: 'FOSTER_CARE',
    name: 'Contributi per l’affido etero-familiare di minori',
    billingUnit: 'month',
    unitNote: 'contributo mensile riparametrato sui giorni effettivi di affido',
    ...childProtection,
    source:
      'disciplinare, Rette Tutela Minori: Nuovi inserimenti FASE 3; schede economiche Contributi per l’affido',
  },
  {
    code: 'ISD',
    name: 'Interventi di Supporto alla Domiciliarità',
    family: 'home_support',
    billingUnit: 'week',
    unitNote: 'settimana per profilo di complessità assistenziale (1–6), da 3 a 6 settimane',
    hourly: null,
    activationForm: null,
    contract: {
      toProviderWorkingDays: 2,
      providerReturnWorkingDays: null,
      cumulativeAfterForecastDays: null,
      cumulativeReturnWorkingDays: null,
    },
    faseDDays: null,
    monthlyCycle: 'end_of_intervention',
    forecast: null,
    secondMunicipalitySharePercent: null,
    municipalitySharePercent: 20,
    source: 'disciplinare, ISD: Costo del servizio, FASI 4, 6 e 7; schede economiche ISD',
  },
  {
    code: 'VOUCHER_FNA',
    name: 'Voucher Fondo Non Autosufficienza (misura B2, attività integrative disabili)',
    family: 'disability_voucher',
    billingUnit: 'hour',
    unitNote: 'ora = 60 minuti; tariffe ridotte per piccoli gruppi; massimo 12 mensilità',
    hourly: { ...educationalHour, monthlyBackOfficeHours: 0 },
    activationForm: null,
    contract: {
      toProviderWorkingDays: null,
      providerReturnWorkingDays: null,
      cumulativeAfterForecastDays: null,
      cumulativeReturnWorkingDays: null,
    },
    faseDDays: null,
    monthlyCycle: 'quarterly_invoice',
    forecast: null,
    secondMunicipalitySharePercent: null,
    municipalitySharePercent: 100,
    source: 'disciplinare, Voucher FNA: FASI 3-5; schede economiche AID',
  },
  {
    code: 'QSFP',
    name: 'Sostegni Quota Servizi Fondo Povertà',
    family: 'poverty_support',
    billingUnit: 'package',
    unitNote: 'pacchetto per profilo di complessità e numero di destinatari; mediazione culturale a ore',
    hourly: null,
    activationForm: null,
    contract: {
      toProviderWorkingDays: null,
      providerReturnWorkingDays: 5,
      cumulativeAfterForecastDays: null,
      cumulativeReturnWorkingDays: null,
    },
    faseDDays: null,
    monthlyCycle: 'end_of_intervention',
    forecast: null,
    secondMunicipalitySharePercent: null,
    municipalitySharePercent: 100,
    source: 'disciplinare, Sostegni QSFP: FASI 3 e 6; schede economiche QSFP',
  },
];

/** The definition of a service; every ServiceCode has one in the default catalogue. */
export function serviceDefinition(
  code: ServiceCode,
  services: readonly ServiceDefinition[] = serviceDefinitions,
): ServiceDefinition {
  const service = services.find((candidate) => candidate.code === code);
  if (!service) throw new AppError('unknown_service', `No definition for service ${code}`);
  return service;
}

/**
 * A service as people read it: "SAD – Servizio di Assistenza Domiciliare Anziani", or only the name
 * for services whose code is not an acronym the office uses ("Centro Diurno Minori …", never
 * CENTRO_DIURNO_MINORI). Anything not in the catalogue is shown as written, or «—».
 */
export function serviceLabel(code: string | null): string {
  const service = serviceDefinitions.find((candidate) => candidate.code === code);
  if (!service) return code ?? '—';
  return service.code.includes('_') ? service.name : `${service.code} – ${service.name}`;
}
