import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { dayUnits, findDayUnit } from '../../domain/catalogue/day-units.js';
import { ambitoMunicipalities, findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { procedureFor } from '../../domain/catalogue/procedures.js';
import { serviceCodes } from '../../domain/catalogue/service-codes.js';
import { serviceDefinition, serviceDefinitions } from '../../domain/catalogue/services.js';
import { parametersInForce, tariffInForce } from '../../domain/catalogue/tariff-lookup.js';
import { tariffEntries } from '../../domain/catalogue/tariffs.js';
import { isAppError } from '../../domain/app-error.js';

const d = (value: string) => calendarDate(value);

describe('tariffs with validity periods', () => {
  it.each([
    ['SAD', 'weekday', '2023-03-31', 1920],
    ['SAD', 'weekday', '2023-04-01', 2020],
    ['SAD', 'weekday', '2027-03-01', 2020],
    ['SAD', 'festive', '2023-01-15', 2400],
    ['SADH', 'festive', '2027-12-25', 2400],
    ['ADM', 'standard', '2023-03-31', 2087],
    ['ADEA', 'standard', '2023-04-01', 2250],
    ['SIP', 'standard', '2023-01-31', 2173],
    ['SIP', 'standard', '2023-02-01', 2270],
    ['SAAP', 'D2', '2023-01-20', 1887],
    ['SAAP', 'D2', '2023-02-01', 2150],
    ['SAAP', 'D1', '2027-09-13', 2020],
    ['SAAP', 'ASA_OSS', '2027-09-13', 2020],
    ['SAAP', 'UPPER_SECONDARY', '2027-09-13', 2000],
    ['ISD', 'profile_6', '2027-01-01', 28000],
    ['VOUCHER_FNA', 'group_7', '2027-01-01', 650],
    ['QSFP', 'socio_educational_high_1', '2027-01-01', 86000],
    ['CENTRO_DIURNO_MINORI', 'day', '2027-01-01', 6000],
    ['FOSTER_CARE', 'emergency', '2027-01-01', 50000],
    ['CSE', 'full_time', '2027-01-01', 3200],
  ] as const)('%s %s on %s costs %i cents', (service, variant, date, cents) => {
    expect(tariffInForce(service, variant, d(date)).amountCents).toBe(cents);
  });

  it('reports a missing tariff with a stable code and an Italian message', () => {
    try {
      tariffInForce('SAD', 'weekday', d('2022-12-31'));
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'tariff_not_found')).toBe(true);
      expect((error as { userMessage: string }).userMessage).toContain('31/12/2022');
    }
  });

  it('never has two tariffs of the same service and variant in force on the same day', () => {
    for (const a of tariffEntries) {
      for (const b of tariffEntries) {
        if (a === b || a.service !== b.service || a.variant !== b.variant) continue;
        const overlaps =
          a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
        expect(overlaps, `${a.service}/${a.variant} ${a.validFrom} vs ${b.validFrom}`).toBe(false);
      }
    }
  });

  it('gives every service a definition and at least one tariff in force today', () => {
    for (const code of serviceCodes) {
      expect(serviceDefinition(code).code).toBe(code);
      const inForce = tariffEntries.filter(
        (entry) => entry.service === code && entry.validFrom <= '2027-06-01' && entry.validTo === null,
      );
      expect(inForce.length, code).toBeGreaterThan(0);
    }
    expect(serviceDefinitions).toHaveLength(serviceCodes.length);
  });

  it('splits the CSE and SFA daily rates between Comune and district fund as the tables add up', () => {
    for (const entry of tariffEntries.filter((t) => t.shares && t.shares.totalCents !== null)) {
      expect(entry.shares!.municipalityCents + entry.shares!.districtFundCents).toBe(
        entry.shares!.totalCents,
      );
    }
  });

  it('keeps the 5% IVA, the 15-day notice and the 80% threshold as parameters', () => {
    const parameters = parametersInForce(d('2027-03-01'));
    expect(parameters.defaultVatRateBasisPoints).toBe(500);
    expect(parameters.variationNoticeDays).toBe(15);
    expect(parameters.budgetAlertThresholdPercent).toBe(80);
  });
});

describe('services', () => {
  it.each([
    ['SAD', 5, 2],
    ['ADM', 5, 2],
    ['SAAP', 5, 2],
    ['CDD', 10, 5],
    ['SFA', 10, 5],
    ['ISD', 2, null],
    ['QSFP', null, 5],
  ] as const)('%s: contract within %s working days, back within %s', (code, toProvider, back) => {
    const { contract } = serviceDefinition(code);
    expect(contract.toProviderWorkingDays).toBe(toProvider);
    expect(contract.providerReturnWorkingDays).toBe(back);
  });

  it('knows the billing units of the hourly services', () => {
    expect(serviceDefinition('SAD').hourly).toMatchObject({
      minimumMinutes: 30,
      roundingStepMinutes: 15,
      monthlyBackOfficeHours: 0,
    });
    expect(serviceDefinition('SIP').hourly).toMatchObject({
      minimumMinutes: null,
      monthlyBackOfficeHours: 2,
    });
    expect(serviceDefinition('CSE').hourly).toBeNull();
  });
});

describe('Comuni of the Ambito', () => {
  it('holds exactly the 48 Comuni of the CSV shipped beside it', () => {
    const csv = readFileSync(
      new URL('../../domain/catalogue/ambito-cremasco-comuni.csv', import.meta.url),
      'utf8',
    );
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(ambitoMunicipalities).toHaveLength(48);
    expect(ambitoMunicipalities.map((m) => [m.istatCode, m.cadastralCode, m.name])).toEqual(rows);
  });

  it.each([
    ['Crema', 'Crema'],
    ['CREMA (CR)', 'Crema'],
    ['Rivolta d’Adda', "Rivolta d'Adda"],
    ['rivolta d adda', "Rivolta d'Adda"],
    ["Comune di Spino d'Adda", "Spino d'Adda"],
    ['Casale Cremasco - Vidolasco', 'Casale Cremasco-Vidolasco'],
  ])('finds %s', (input, name) => {
    expect(findAmbitoMunicipality(input)?.name).toBe(name);
  });

  it.each(['Cremona', 'Milano', 'Lodi', ''])('does not find %s', (input) => {
    expect(findAmbitoMunicipality(input)).toBeNull();
  });
});

describe('day units', () => {
  it('lists the nine units of the form', () => {
    expect(dayUnits).toHaveLength(9);
  });

  it.each([
    ['CSE IL SEME – CASTELLEONE', 'cse-il-seme-castelleone'],
    ['SFA Il Seme - Castelleone', 'sfa-il-seme-castelleone'],
    ['Kalimero', 'sfa-kalimero-crema'],
    ['SFA-B INTEGRATO (COOP. IGEA) – CREMA', 'sfa-b-integrato-crema'],
    ['cdd lo scricciolo', 'cdd-lo-scricciolo-fiesco'],
    ['Il Seme', null], // CSE or SFA: ambiguous
    ['CSE Girasole', null],
  ])('recognises %s', (text, id) => {
    expect(findDayUnit(text)?.id ?? null).toBe(id);
  });

  it('takes the day-centre service from the unit', () => {
    expect(findDayUnit('CDD Il Sole - Crema')?.service).toBe('CDD');
  });
});

describe('procedure catalogue', () => {
  it('tells the legal term, office, responsible role and substitute power of each request', () => {
    expect(procedureFor('activation', 'SAD')).toMatchObject({
      legalTermDays: 15,
      silenceMeansConsent: false,
    });
    expect(procedureFor('activation', 'ADEA')?.legalTermDays).toBe(30);
    expect(procedureFor('activation', 'SAAP')?.legalTermDays).toBe(60);
    expect(procedureFor('day_centre_entry', 'CSE')?.legalTermDays).toBe(30);
    expect(procedureFor('variation', 'SIP')?.id).toBe('project-variation');
    expect(procedureFor('cessation', null)?.substitutePowerHolder).toMatch(/Direttore/);
  });
});
