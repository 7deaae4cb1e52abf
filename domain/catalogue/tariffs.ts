import type { CalendarDate } from '../calendar/calendar-date.js';
import type { ServiceCode } from './service-codes.js';

export type TariffUnit = 'hour' | 'day' | 'week' | 'month' | 'package' | 'access' | 'meal';

/** Split of a day-centre daily rate between the Comune and the district fund (FUD). */
export interface TariffShares {
  readonly municipalityCents: number;
  readonly districtFundCents: number;
  /** The full daily rate when the table states it (CDD is topped up by the health fund instead). */
  readonly totalCents: number | null;
}

/**
 * One tariff of the schede economiche, in force from `validFrom` to `validTo` (inclusive; null =
 * until replaced). A new tariff year is a new entry here, never a code change.
 */
export interface TariffEntry {
  readonly service: ServiceCode;
  /** Which tariff of the service: `weekday`, `festive`, an operator profile, a group size, … */
  readonly variant: string;
  readonly description: string;
  readonly unit: TariffUnit;
  /** What the Comune pays per unit, in cents (net of IVA unless `vatIncluded`). */
  readonly amountCents: number;
  readonly vatIncluded: boolean;
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate | null;
  /** Hours included in a package (QSFP). */
  readonly includedHours?: number;
  /** Day-centre rates split between Comune and district fund. */
  readonly shares?: TariffShares;
  readonly source: string;
}

const from2023 = '2023-01-01' as CalendarDate;
const january2023End = '2023-01-31' as CalendarDate;
const february2023 = '2023-02-01' as CalendarDate;
const march2023End = '2023-03-31' as CalendarDate;
const april2023 = '2023-04-01' as CalendarDate;

const sad = 'disciplinare, schede economiche SAD-SADH';
const adm = 'disciplinare, schede economiche ADM-ADEA';
const sip = 'disciplinare, schede economiche SIP';
const saap = 'disciplinare, schede economiche SAAP';
const dayCentres = 'disciplinare, schede economiche CDD-CSE-SFA (quota a carico Comune, quota FUD, totale)';
const minors = 'disciplinare, schede economiche Rette Tutela Minori e Centro Diurno Lo Spazio';
const isd = 'disciplinare, schede economiche ISD';
const aid = 'disciplinare, schede economiche AID (Voucher FNA, centri estivi)';
const qsfp = 'disciplinare, schede economiche QSFP';

function hourly(
  service: ServiceCode,
  variant: string,
  description: string,
  amountCents: number,
  validFrom: CalendarDate,
  validTo: CalendarDate | null,
  source: string,
): TariffEntry {
  return {
    service,
    variant,
    description,
    unit: 'hour',
    amountCents,
    vatIncluded: false,
    validFrom,
    validTo,
    source,
  };
}

function dayCentreRates(
  service: 'CDD' | 'CSE' | 'SFA',
  rows: [string, string, TariffUnit, number, number, number | null][],
) {
  return rows.map(
    ([variant, description, unit, municipalityCents, districtFundCents, totalCents]): TariffEntry => ({
      service,
      variant,
      description,
      unit,
      amountCents: municipalityCents,
      vatIncluded: true,
      validFrom: from2023,
      validTo: null,
      shares: { municipalityCents, districtFundCents, totalCents },
      source: dayCentres,
    }),
  );
}

function fixed(
  service: ServiceCode,
  variant: string,
  description: string,
  unit: TariffUnit,
  amountCents: number,
  vatIncluded: boolean,
  source: string,
  includedHours?: number,
): TariffEntry {
  return {
    service,
    variant,
    description,
    unit,
    amountCents,
    vatIncluded,
    validFrom: from2023,
    validTo: null,
    source,
    ...(includedHours === undefined ? {} : { includedHours }),
  };
}

const saapProfiles: [string, string, number][] = [
  ['D2', 'SAAP con educatore professionale (D2)', 2150],
  ['D1', 'SAAP con educatore (D1)', 2020],
  ['ASA_OSS', 'SAAP con ASA/OSS (D1)', 2020],
  ['UPPER_SECONDARY', 'SAAP scuole superiori di II° grado', 2000],
];

const qsfpSocioEducational: [string, number, number, number][] = [
  ['1', 21500, 43000, 86000],
  ['2_3', 12500, 23500, 45200],
  ['4_5', 6500, 12000, 22800],
  ['6_8', 4500, 8200, 15400],
];

/** The tariffs of the schede economiche attached to the disciplinare. */
export const tariffEntries: readonly TariffEntry[] = [
  hourly('SAD', 'weekday', 'SAD feriale', 1920, from2023, march2023End, sad),
  hourly('SAD', 'weekday', 'SAD feriale', 2020, april2023, null, sad),
  hourly('SAD', 'festive', 'SAD festivo', 2400, from2023, null, sad),
  hourly('SADH', 'weekday', 'SADH feriale', 1920, from2023, march2023End, sad),
  hourly('SADH', 'weekday', 'SADH feriale', 2020, april2023, null, sad),
  hourly('SADH', 'festive', 'SADH festivo', 2400, from2023, null, sad),
  hourly('ADM', 'standard', 'ADM', 2087, from2023, march2023End, adm),
  hourly('ADM', 'standard', 'ADM', 2250, april2023, null, adm),
  hourly('ADEA', 'standard', 'ADEA', 2087, from2023, march2023End, adm),
  hourly('ADEA', 'standard', 'ADEA', 2250, april2023, null, adm),
  hourly('SIP', 'standard', 'SIP', 2173, from2023, january2023End, sip),
  hourly('SIP', 'standard', 'SIP', 2270, february2023, null, sip),
  ...saapProfiles.flatMap(([variant, description, cents]) => [
    hourly('SAAP', variant, description, 1887, from2023, january2023End, saap),
    hourly('SAAP', variant, description, cents, february2023, null, saap),
  ]),
  ...dayCentreRates('CDD', [
    ['full_time', 'Giornata di frequenza full time', 'day', 3300, 100, null],
    ['part_time', 'Giornata di frequenza part time', 'day', 1650, 50, null],
    ['access_low', 'Accesso lieve intensità (fino a 2 ore)', 'access', 2700, 0, null],
    ['access_medium', 'Accesso media intensità (da 3 a 5 ore)', 'access', 6000, 0, null],
    ['access_high', 'Accesso alta intensità (da 6 a 7 ore)', 'access', 10200, 0, null],
    ['remote_hour', 'Ora di attività educativa a distanza', 'hour', 1260, 0, null],
    ['meal', 'Pasto', 'meal', 500, 0, null],
  ]),
  ...dayCentreRates('CSE', [
    ['full_time', 'Giornata di frequenza full time', 'day', 3200, 2100, 5300],
    ['part_time', 'Giornata di frequenza part time', 'day', 1600, 1050, 2650],
    ['access_low', 'Accesso lieve intensità (fino a 2 ore)', 'access', 2700, 1800, 4500],
    ['access_medium', 'Accesso media intensità (da 3 a 5 ore)', 'access', 6000, 4000, 10000],
    ['access_high', 'Accesso alta intensità (da 6 a 7 ore)', 'access', 10200, 6800, 17000],
    ['remote_hour', 'Ora di attività educativa a distanza', 'hour', 1259, 850, 2109],
    ['meal', 'Pasto', 'meal', 500, 0, 500],
  ]),
  ...dayCentreRates('SFA', [
    ['full_time', 'Giornata di frequenza full time', 'day', 2850, 50, 2900],
    ['part_time', 'Giornata di frequenza part time', 'day', 1425, 25, 1450],
    ['access_low', 'Accesso lieve intensità (fino a 2 ore)', 'access', 4200, 300, 4500],
    ['access_medium', 'Accesso media intensità (da 3 a 5 ore)', 'access', 9300, 700, 10000],
    ['remote_hour', 'Ora di attività educativa a distanza', 'hour', 2009, 100, 2109],
    ['meal', 'Pasto', 'meal', 500, 0, 500],
  ]),
  fixed(
    'CENTRO_DIURNO_MINORI',
    'day',
    'Retta giornaliera Centro Diurno Lo Spazio',
    'day',
    6000,
    true,
    minors,
  ),
  fixed('FOSTER_CARE', 'full_time', 'Affido etero-familiare a tempo pieno', 'month', 40000, true, minors),
  fixed(
    'FOSTER_CARE',
    'emergency',
    'Affido giudiziale in pronto intervento (primi tre mesi)',
    'month',
    50000,
    true,
    minors,
  ),
  fixed(
    'FOSTER_CARE',
    'part_time_weekday',
    'Affido a tempo parziale infrasettimanale',
    'day',
    1500,
    true,
    minors,
  ),
  fixed('FOSTER_CARE', 'weekend', 'Affido a tempo parziale nei fine settimana', 'month', 15000, true, minors),
  fixed('FOSTER_CARE', 'educational_pact', 'Patto educativo', 'month', 15000, true, minors),
  ...[8000, 12000, 16000, 20000, 24000, 28000].map((cents, index) =>
    fixed(
      'ISD',
      `profile_${index + 1}`,
      `Profilo di complessità assistenziale ${index + 1}`,
      'week',
      cents,
      true,
      isd,
    ),
  ),
  fixed('VOUCHER_FNA', 'individual', 'Attività integrative disabili, rapporto 1:1', 'hour', 2100, false, aid),
  ...[1300, 1100, 900, 750, 700, 650].map((cents, index) =>
    fixed(
      'VOUCHER_FNA',
      `group_${index + 2}`,
      `Gruppo di ${index + 2} beneficiari, per componente`,
      'hour',
      cents,
      false,
      aid,
    ),
  ),
  fixed(
    'VOUCHER_FNA',
    'summer_camp_high',
    'Centro estivo, alta intensità (1:1, 1:2)',
    'hour',
    1400,
    false,
    aid,
  ),
  fixed(
    'VOUCHER_FNA',
    'summer_camp_medium',
    'Centro estivo, media intensità (1:3, 1:4)',
    'hour',
    600,
    false,
    aid,
  ),
  ...qsfpSocioEducational.flatMap(([group, low, medium, high]) => [
    fixed(
      'QSFP',
      `socio_educational_low_${group}`,
      `Sostegno socio-educativo, bassa complessità (${group.replace('_', '-')} persone)`,
      'package',
      low,
      true,
      qsfp,
      10,
    ),
    fixed(
      'QSFP',
      `socio_educational_medium_${group}`,
      `Sostegno socio-educativo, media complessità (${group.replace('_', '-')} persone)`,
      'package',
      medium,
      true,
      qsfp,
      20,
    ),
    fixed(
      'QSFP',
      `socio_educational_high_${group}`,
      `Sostegno socio-educativo, alta complessità (${group.replace('_', '-')} persone)`,
      'package',
      high,
      true,
      qsfp,
      40,
    ),
  ]),
  fixed(
    'QSFP',
    'home_care_low',
    'Assistenza domiciliare socio-assistenziale, bassa complessità',
    'package',
    19000,
    true,
    qsfp,
    10,
  ),
  fixed(
    'QSFP',
    'home_care_high',
    'Assistenza domiciliare socio-assistenziale, alta complessità',
    'package',
    38000,
    true,
    qsfp,
    20,
  ),
  fixed('QSFP', 'cultural_mediation', 'Mediazione culturale', 'hour', 2100, false, qsfp),
];
