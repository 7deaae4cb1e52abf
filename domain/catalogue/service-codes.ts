/** The services Sportello knows. Codes are stable identifiers used in data, JSON and the database. */
export const serviceCodes = [
  'SAD',
  'SADH',
  'ADM',
  'ADEA',
  'SIP',
  'SAAP',
  'CDD',
  'CSE',
  'SFA',
  'CENTRO_DIURNO_MINORI',
  'FOSTER_CARE',
  'ISD',
  'VOUCHER_FNA',
  'QSFP',
] as const;

export type ServiceCode = (typeof serviceCodes)[number];

export function isServiceCode(value: unknown): value is ServiceCode {
  return typeof value === 'string' && (serviceCodes as readonly string[]).includes(value);
}

/** Services paid by the hour whose annual budget is checked against hours × tariff. */
export const hourlyServiceCodes = ['SAD', 'SADH', 'ADM', 'ADEA', 'SIP', 'SAAP'] as const;
export type HourlyServiceCode = (typeof hourlyServiceCodes)[number];

export function isHourlyService(code: ServiceCode): code is HourlyServiceCode {
  return (hourlyServiceCodes as readonly string[]).includes(code);
}

/** The day-centre services, priced by the day from the attendance sheet. */
export const dayCentreServiceCodes = ['CDD', 'CSE', 'SFA'] as const;
export type DayCentreServiceCode = (typeof dayCentreServiceCodes)[number];

export function isDayCentreService(code: ServiceCode): code is DayCentreServiceCode {
  return (dayCentreServiceCodes as readonly string[]).includes(code);
}

/** SAAP operator profiles; one per individual plan (disciplinare, schede economiche SAAP). */
export const operatorProfiles = ['D2', 'D1', 'ASA_OSS'] as const;
export type OperatorProfile = (typeof operatorProfiles)[number];
