import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { defaultCatalogue } from '../../domain/catalogue/catalogue.js';
import { tariffEntries } from '../../domain/catalogue/tariffs.js';
import { checkRequest } from '../../domain/rules/check-request.js';
import { municipalityProblems } from '../../domain/rules/municipality-rule.js';
import type { CheckContext } from '../../domain/rules/check-context.js';
import { cessation, dayCentreEntry, sadActivation, variation } from './draft-fixtures.js';

const receivedOn = calendarDate('2027-02-10');
const context: CheckContext = { receivedOn };
const codes = async (...args: Parameters<typeof checkRequest>) =>
  (await checkRequest(...args)).map((problem) => `${problem.code}:${problem.field}`);

describe('checkRequest: a complete, correct request', () => {
  it('has no problems (sample 01: 200 h SAD, € 4.300,00)', async () => {
    expect(await checkRequest(sadActivation(), context)).toEqual([]);
  });

  it('accepts a day-centre entry and a cessation notice', async () => {
    expect(await checkRequest(dayCentreEntry(), { receivedOn: calendarDate('2027-01-20') })).toEqual([]);
    expect(await checkRequest(cessation(), context)).toEqual([]);
  });
});

describe('checkRequest: missing fields', () => {
  it.each([
    ['beneficiary', 'taxCode', 'beneficiary.taxCode'],
    ['beneficiary', 'surname', 'beneficiary.surname'],
    ['beneficiary', 'birthDate', 'beneficiary.birthDate'],
    ['beneficiary', 'municipality', 'beneficiary.municipality'],
    ['request', 'startDate', 'request.startDate'],
    ['request', 'annualHours', 'request.annualHours'],
    ['request', 'annualBudgetCents', 'request.annualBudget'],
    ['request', 'provider', 'request.provider'],
  ] as const)('reports a missing %s.%s as %s', async (group, key, path) => {
    const draft = sadActivation({ [group]: { [key]: null } });
    const problems = await checkRequest(draft, context);
    expect(problems.map((p) => `${p.code}:${p.field}`)).toEqual([`missing_field:${path}`]);
    expect(problems[0]?.message).toMatch(/^Manca il campo «.+»/);
  });

  it('treats blank text as missing', async () => {
    expect(await codes(sadActivation({ beneficiary: { name: '   ' } }), context)).toEqual([
      'missing_field:beneficiary.name',
    ]);
  });

  it('asks for the service when no option is ticked', async () => {
    const problems = await checkRequest(sadActivation({ service: null }), context);
    expect(problems.map((p) => p.field)).toEqual(['service']);
    expect(problems[0]?.message).toContain('TIPO DI SERVIZIO');
  });

  it('asks a variation with the CSE-CDD-SFA box ticked and no unit for the unit, not the service (issue 14)', async () => {
    const draft = variation({ service: null, request: { dayCentreTicked: true, dayUnit: null } });
    const problems = await checkRequest(draft, { receivedOn: calendarDate('2027-03-01') });
    expect(problems.map((p) => `${p.code}:${p.field}`)).toEqual(['missing_field:request.dayUnit']);
    expect(problems[0]!.message).toContain("non è indicata l'unità d'offerta");
    expect(problems[0]!.message).toContain('CSE Il Seme');
    expect(problems[0]!.message).not.toContain('TIPO DI SERVIZIO');
  });

  it('asks a variation for its effective date, change and new budget', async () => {
    const draft = variation({ request: { effectiveDate: null, change: null, annualBudgetCents: null } });
    expect(await codes(draft, { receivedOn: calendarDate('2027-03-01') })).toEqual([
      'missing_field:request.effectiveDate',
      'missing_field:request.change',
      'missing_field:request.annualBudget',
    ]);
  });

  it('asks a day-centre entry for its unit and attendance', async () => {
    const draft = dayCentreEntry({ service: null, request: { dayUnit: null, attendance: null } });
    expect(await codes(draft, { receivedOn: calendarDate('2027-01-20') })).toEqual([
      'missing_field:request.dayUnit',
      'missing_field:request.attendance',
    ]);
  });

  it('asks for the weekdays of a vertical part time', async () => {
    const draft = dayCentreEntry({
      request: { attendance: { type: 'part_time_vertical', weekdays: [], text: 'part time verticale' } },
    });
    expect(await codes(draft, { receivedOn: calendarDate('2027-01-20') })).toEqual([
      'invalid_value:request.attendance',
    ]);
  });

  it('reports unreadable values with what was written', async () => {
    const draft = sadActivation({
      request: { startDate: null },
      unreadable: { 'request.startDate': '31/02/2027' },
    });
    const problems = await checkRequest(draft, context);
    expect(problems.map((p) => `${p.code}:${p.field}`)).toEqual(['invalid_value:request.startDate']);
    expect(problems[0]?.message).toContain('«31/02/2027»');
    expect(problems[0]?.message).toContain('GG/MM/AAAA');
  });

  it.each([
    ['annualHours', 0],
    ['annualHours', 9000],
    ['annualBudgetCents', -100],
    ['annualBudgetCents', 500_000_000],
  ] as const)('rejects an absurd %s (%s)', async (key, value) => {
    const problems = await codes(sadActivation({ request: { [key]: value } }), context);
    expect(problems).toContain(`invalid_value:request.${key.replace('Cents', '')}`);
  });
});

describe('checkRequest: codice fiscale', () => {
  it('reports a wrong check character (sample 07)', async () => {
    const problems = await checkRequest(
      sadActivation({ beneficiary: { taxCode: 'BNCMRA50D43D142A' } }),
      context,
    );
    expect(problems.map((p) => `${p.code}:${p.field}`)).toEqual(['invalid_tax_code:beneficiary.taxCode']);
    expect(problems[0]?.message).toContain('carattere di controllo');
  });

  it('reports a code that does not match the stated birth date', async () => {
    const draft = sadActivation({ beneficiary: { birthDate: calendarDate('1950-04-04') } });
    const problems = await checkRequest(draft, context);
    expect(problems.map((p) => p.code)).toEqual(['tax_code_mismatch']);
    expect(problems[0]?.message).toContain('03/04/1950');
    expect(problems[0]?.message).toContain('04/04/1950');
  });

  it('accepts an omocode of the same person', async () => {
    expect(
      await checkRequest(sadActivation({ beneficiary: { taxCode: 'BNCMRA50D43D14NS' } }), context),
    ).toEqual([]);
  });
});

describe('checkRequest: Comune of residence', () => {
  it('reports a Comune outside the Ambito', async () => {
    expect(await codes(sadActivation({ beneficiary: { municipality: 'Cremona' } }), context)).toEqual([
      'municipality_outside_ambito:beneficiary.municipality',
    ]);
  });

  it('admits ADM and SIP for a minor living outside the Ambito with a parent in it (seed l. 554-556, 1055-1059)', () => {
    for (const service of ['ADM', 'SIP'] as const) {
      const draft = { ...sadActivation({ beneficiary: { municipality: 'Cremona' } }), service };
      expect(municipalityProblems(draft), service).toEqual([]);
    }
    const sad = sadActivation({ beneficiary: { municipality: 'Cremona' } });
    expect(municipalityProblems(sad).map((problem) => problem.code)).toEqual(['municipality_outside_ambito']);
  });

  it('accepts any spelling of an Ambito Comune', async () => {
    expect(
      await checkRequest(sadActivation({ beneficiary: { municipality: 'RIVOLTA D’ADDA' } }), context),
    ).toEqual([]);
  });
});

describe('checkRequest: 15-day notice of a variation', () => {
  const received = { receivedOn: calendarDate('2027-03-01') };
  it.each([
    ['2027-03-16', []], // exactly 15 days: fine
    ['2027-03-22', []],
    ['2027-03-15', ['notice_too_short:request.effectiveDate']],
    ['2027-03-01', ['notice_too_short:request.effectiveDate']],
  ])('effective %s received 1 March 2027 → %j', async (effective, expected) => {
    expect(await codes(variation({ request: { effectiveDate: calendarDate(effective) } }), received)).toEqual(
      expected,
    );
  });

  it('tells the earliest valid date (sample 05: received 10 May, effective 17 May → 25 May)', async () => {
    const draft = variation({ request: { effectiveDate: calendarDate('2027-05-17') } });
    const [problem] = await checkRequest(draft, { receivedOn: calendarDate('2027-05-10') });
    expect(problem?.details?.earliestEffectiveDate).toBe('2027-05-25');
    expect(problem?.message).toContain('25/05/2027');
  });
});

describe('checkRequest: dates', () => {
  it('reports an end before the start', async () => {
    expect(await codes(sadActivation({ request: { endDate: calendarDate('2027-02-28') } }), context)).toEqual(
      ['dates_inconsistent:request.endDate'],
    );
  });

  it('accepts a service ending on its start day', async () => {
    expect(
      await checkRequest(sadActivation({ request: { endDate: calendarDate('2027-03-01') } }), context),
    ).toEqual([]);
  });

  it('reports a start before the request arrived', async () => {
    expect(
      await codes(sadActivation({ request: { startDate: calendarDate('2027-02-09') } }), context),
    ).toEqual(['dates_inconsistent:request.startDate']);
  });

  it('reports absurd dates', async () => {
    expect(
      await codes(
        sadActivation({ request: { startDate: calendarDate('2099-03-01'), endDate: null } }),
        context,
      ),
    ).toEqual(['dates_inconsistent:request.startDate']);
    const unborn = await codes(
      sadActivation({ beneficiary: { birthDate: calendarDate('2030-04-03'), taxCode: null } }),
      context,
    );
    expect(unborn).toContain('dates_inconsistent:beneficiary.birthDate');
  });
});

describe('checkRequest: budget against hours × tariff', () => {
  it('accepts € 4.242,00 for 200 h of SAD from 1 March 2027 (4.040,00 + 5% IVA)', async () => {
    expect(await checkRequest(sadActivation({ request: { annualBudgetCents: 424_200 } }), context)).toEqual(
      [],
    );
  });

  it('reports one cent less, with the figures and the fix', async () => {
    const [problem, ...rest] = await checkRequest(
      sadActivation({ request: { annualBudgetCents: 424_199 } }),
      context,
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'budget_insufficient', field: 'request.annualBudget' });
    expect(problem?.details).toMatchObject({ requiredCents: 424_200, tariffCents: 2020 });
    expect(problem?.message).toContain('4.242,00');
    expect(problem?.message).toContain('20,20');
  });

  it('reports sample 08: 300 h SAD need € 6.363,00, € 5.000,00 pay for 235,5 h', async () => {
    const draft = sadActivation({
      request: { annualHours: 300, annualBudgetCents: 500_000, startDate: calendarDate('2027-03-08') },
    });
    const [problem] = await checkRequest(draft, context);
    expect(problem?.details).toMatchObject({ requiredCents: 636_300, maxAffordableHours: 235.5 });
  });

  it('prices each part of the plan with the tariff then in force (seed l. 3188-3194: SAD € 19,20 until 31 March 2023)', async () => {
    // 200 h over 1 Jan – 31 Dec 2023: 90 days at € 19,20, 275 at € 20,20, spread by days.
    // 12.000 min: 2.959 at € 19,20/h = 946,88 and 9.041 at € 20,20/h = 3.043,80; 3.990,68 + 5% IVA = 4.190,21.
    const year = sadActivation({
      request: {
        startDate: calendarDate('2023-01-01'),
        endDate: calendarDate('2023-12-31'),
        annualBudgetCents: 419_000,
      },
    });
    const problems = await checkRequest(year, { receivedOn: calendarDate('2022-12-01') });
    expect(problems.map((p) => p.details?.requiredCents)).toEqual([419_021]);
    expect(problems[0]!.message).toContain('dal 01/01/2023 al 31/03/2023 × 19,20');
    expect(problems[0]!.message).toContain('dal 01/04/2023 al 31/12/2023 × 20,20');
    const enough = sadActivation({
      request: {
        startDate: calendarDate('2023-01-01'),
        endDate: calendarDate('2023-12-31'),
        annualBudgetCents: 419_021,
      },
    });
    expect(await checkRequest(enough, { receivedOn: calendarDate('2022-12-01') })).toEqual([]);
    // A plan wholly under the later tariff is priced at € 20,20 only: 200 × 20,20 + 5% = 4.242,00.
    const later = sadActivation({
      request: { startDate: calendarDate('2023-04-01'), endDate: null, annualBudgetCents: 424_100 },
    });
    expect(
      (await checkRequest(later, { receivedOn: calendarDate('2023-03-01') }))[0]?.details?.requiredCents,
    ).toBe(424_200);
  });

  it('halves the cost when a second Comune shares ADM (sample 02: 150 h, € 1.800,00)', async () => {
    const adm = sadActivation({
      service: 'ADM',
      request: {
        annualHours: 150,
        annualBudgetCents: 180_000,
        startDate: calendarDate('2027-03-15'),
        coPayingMunicipality: 'Crema',
      },
    });
    expect(await checkRequest(adm, context)).toEqual([]);
    const alone = sadActivation({
      service: 'ADM',
      request: { annualHours: 150, annualBudgetCents: 180_000, startDate: calendarDate('2027-03-15') },
    });
    expect(await codes(alone, context)).toEqual(['budget_insufficient:request.annualBudget']);
  });

  it('budgets SAAP on the operator profile, and upper secondary on its rate plus 3 h', async () => {
    const saap = (profile: 'D2' | 'D1' | null, budgetCents: number, upperSecondary = false) =>
      sadActivation({
        service: 'SAAP',
        request: {
          annualHours: 300,
          annualBudgetCents: budgetCents,
          operatorProfile: profile,
          upperSecondary,
          startDate: calendarDate('2027-09-13'),
          endDate: calendarDate('2028-06-08'),
        },
      });
    expect(await checkRequest(saap('D2', 677_250), context)).toEqual([]); // 300 × 21,50 × 1,05
    expect(await codes(saap('D2', 677_249), context)).toEqual(['budget_insufficient:request.annualBudget']);
    expect(await checkRequest(saap('D1', 636_300), context)).toEqual([]);
    expect(await checkRequest(saap('D1', 636_300, true), context)).toEqual([]); // 303 × 20,00 × 1,05 = 6.363,00
    expect(await codes(saap('D1', 636_299, true), context)).toEqual([
      'budget_insufficient:request.annualBudget',
    ]);
  });

  it('honours a provider with its own IVA rate', async () => {
    const draft = sadActivation({ request: { annualBudgetCents: 424_200 } });
    expect(await codes(draft, { receivedOn, vatRateBasisPoints: 2200 })).toEqual([
      'budget_insufficient:request.annualBudget',
    ]);
  });

  it('reads a new tariff year from the catalogue data alone', async () => {
    const catalogue = {
      ...defaultCatalogue,
      tariffs: [
        ...tariffEntries.map((t) =>
          t.service === 'SAD' && t.variant === 'weekday' && t.validTo === null
            ? { ...t, validTo: calendarDate('2026-12-31') }
            : t,
        ),
        {
          ...tariffEntries.find((t) => t.service === 'SAD' && t.variant === 'weekday' && t.validTo === null)!,
          amountCents: 2200,
          validFrom: calendarDate('2027-01-01'),
        },
      ],
    };
    expect(await codes(sadActivation(), { receivedOn, catalogue })).toEqual([
      'budget_insufficient:request.annualBudget',
    ]);
  });
});

describe('checkRequest: SAAP profile and day units', () => {
  it('asks for the SAAP operator profile (sample 03)', async () => {
    const draft = sadActivation({
      service: 'SAAP',
      request: {
        annualHours: 300,
        annualBudgetCents: 700_000,
        startDate: calendarDate('2027-09-13'),
        endDate: calendarDate('2028-06-08'),
      },
    });
    const problems = await checkRequest(draft, context);
    expect(problems.map((p) => `${p.code}:${p.field}`)).toEqual([
      'operator_profile_missing:request.operatorProfile',
    ]);
    expect(problems[0]?.message).toContain('EDUCATORE PROFESSIONALE (D2)');
  });

  it('says when several profiles were ticked', async () => {
    const draft = sadActivation({
      service: 'SAAP',
      request: { annualHours: 300, annualBudgetCents: 700_000, startDate: calendarDate('2027-09-13') },
      unreadable: { 'request.operatorProfile': 'D2, D1' },
    });
    const problems = await checkRequest(draft, context);
    expect(problems.map((p) => p.code)).toEqual(['operator_profile_missing']);
    expect(problems[0]?.message).toContain('più di un profilo');
  });

  it('reports a day unit that is not on the form', async () => {
    const draft = dayCentreEntry({ service: null, request: { dayUnit: 'CSE Arcobaleno - Lodi' } });
    expect(await codes(draft, { receivedOn: calendarDate('2027-01-20') })).toEqual([
      'unknown_day_unit:request.dayUnit',
    ]);
  });
});

describe('checkRequest: absurd input', () => {
  it('asks to fix a start date with no tariff in force instead of failing', async () => {
    const draft = sadActivation({ request: { startDate: calendarDate('1850-03-01'), endDate: null } });
    // Before the request arrived, and before the beneficiary was born.
    expect(await codes(draft, context)).toEqual([
      'dates_inconsistent:request.startDate',
      'dates_inconsistent:request.startDate',
    ]);
  });
});

describe('checkRequest: part-time attendance of day centres (seed l. 3466-3467, 3476-3477)', () => {
  const partTime = (service: 'CSE' | 'SFA', dayUnit: string, text: string) =>
    dayCentreEntry({
      service,
      request: { dayUnit, attendance: { type: 'part_time_horizontal', weekdays: [], text } },
    });
  const received = { receivedOn: calendarDate('2027-01-10') };

  it('accepts CSE part time of 3 to 5 hours and SFA up to 3', async () => {
    expect(
      await codes(
        partTime('CSE', 'CSE Il Seme – Castelleone', 'part time orizzontale 4 ore al giorno'),
        received,
      ),
    ).toEqual([]);
    expect(await codes(partTime('SFA', 'SFA Il Seme – Castelleone', 'part time 3 ore'), received)).toEqual(
      [],
    );
    expect(
      await codes(partTime('CSE', 'CSE Il Seme – Castelleone', 'part time orizzontale'), received),
    ).toEqual([]);
  });

  it('says that more hours are full time, and that CSE part time needs at least 3', async () => {
    const long = await checkRequest(
      partTime('CSE', 'CSE Il Seme – Castelleone', 'part time 6 ore'),
      received,
    );
    expect(long.map((p) => `${p.code}:${p.field}`)).toEqual(['part_time_hours:request.attendance']);
    expect(long[0]!.message).toContain('da 3 a 5 ore giornaliere: con 6 ore la frequenza è full time');
    const sfa = await checkRequest(partTime('SFA', 'SFA Il Seme – Castelleone', 'part time 4,5 h'), received);
    expect(sfa[0]!.message).toContain('fino a 3 ore giornaliere: con 4,5 ore la frequenza è full time');
    const short = await checkRequest(
      partTime('CSE', 'CSE Il Seme – Castelleone', 'part time 2 ore'),
      received,
    );
    expect(short[0]!.message).toContain('almeno 3 ore giornaliere');
  });
});
