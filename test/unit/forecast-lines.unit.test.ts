import { describe, expect, it } from 'vitest';
import { readForecastLines } from '../../domain/forecasts/forecast-lines.js';
import { forecastPeriod } from '../../domain/forecasts/forecast-period.js';
import { checkForecastLine } from '../../domain/forecasts/forecast-line-check.js';
import { calendarDate } from '../../domain/calendar/calendar-date.js';

const first = 'BNCMRA50D43D142D';
const second = 'RSSGNN46B11D142B';

// Seed l. 343-346: the forecast comes with «un prospetto di dettaglio degli utenti, il numero di ore
// assegnate a ciascuno»: a spreadsheet, a CSV, a table in a PDF or Word file, or lines in the body.
describe("a forecast's detail, row by row", () => {
  it('reads hours, festive hours and budget under a heading, whatever the separator', () => {
    const tabs =
      'Cognome\tCodice fiscale\tOre annue\tdi cui festive\tBudget €\n' +
      `Bianchi\t${first}\t200\t20\t5.000,00\nRossi\t${second}\t150,5\t\t3700`;
    const csv = `Cognome;C.F.;Ore;Importo\nBianchi;${first};200;€ 5.000,00\nRossi;${second};150,5;3.700`;
    const pdf = `Cognome     Codice fiscale       Monte ore     Spesa prevista\nBianchi     ${first}     200     5.000,00\nRossi     ${second}     150,5     3.700,00`;
    for (const text of [tabs, csv, pdf]) {
      const [bianchi, rossi] = readForecastLines([text], [first, second]);
      expect(bianchi).toMatchObject({ taxCode: first, annualHours: 200, budgetCents: 500_000 });
      expect(rossi).toMatchObject({ taxCode: second, annualHours: 150.5, budgetCents: 370_000 });
    }
    expect(readForecastLines([tabs], [first])[0]?.festiveHours).toBe(20);
  });

  it('reads rows written in words, and leaves out what a row does not say', () => {
    const body = [
      `${first} ore annue 200, budget € 5.000,00, di cui 20 ore la domenica e nei festivi`,
      `${second} 120 ore, 2.900 euro`,
      'RSSMRA80A01D142Z ore settimanali 6',
    ].join('\n');
    expect(
      readForecastLines(['Previsione di spesa SAD 2028', body], [first, second, 'RSSMRA80A01D142Z']),
    ).toEqual([
      { taxCode: first, annualHours: 200, festiveHours: 20, budgetCents: 500_000 },
      { taxCode: second, annualHours: 120, festiveHours: null, budgetCents: 290_000 },
      { taxCode: 'RSSMRA80A01D142Z', annualHours: null, festiveHours: null, budgetCents: null },
    ]);
  });
});

describe('the period a forecast authorises', () => {
  // l. 341-343: by 30 November for the next calendar year.
  it('is the next calendar year for SAD, late after 30 November', () => {
    expect(forecastPeriod('SAD', calendarDate('2026-11-20'))).toEqual({
      from: '2027-01-01',
      to: '2027-12-31',
      dueBy: '2026-11-30',
      late: false,
    });
    expect(forecastPeriod('SAD', calendarDate('2026-12-03')).late).toBe(true);
    expect(forecastPeriod(null, calendarDate('2027-01-10'))).toMatchObject({
      from: '2027-01-01',
      late: true,
    });
  });

  // l. 1811: SAAP by 30 July, for the next school year.
  it('is the next school year for SAAP, late after 30 July', () => {
    expect(forecastPeriod('SAAP', calendarDate('2027-07-15'))).toEqual({
      from: '2027-09-01',
      to: '2028-08-31',
      dueBy: '2027-07-30',
      late: false,
    });
    expect(forecastPeriod('SAAP', calendarDate('2027-08-02')).late).toBe(true);
  });
});

describe("a forecast's row checked like a request", () => {
  const period = { from: calendarDate('2027-01-01'), to: calendarDate('2027-12-31') };
  const sad = {
    service: 'SAD',
    operatorProfile: null,
    upperSecondary: false,
    coPaid: false,
    placedMinor: false,
    vatRateBasisPoints: 500,
  };

  it('prices the hours at the tariff in force with IVA, and says when the budget falls short', () => {
    const covered = checkForecastLine(
      { annualHours: 100, festiveHours: null, budgetCents: 300_000 },
      sad,
      period,
    );
    expect(covered.status).toBe('ok');
    expect(covered.estimateCents).toBeGreaterThan(200_000);
    const short = checkForecastLine(
      { annualHours: 100, festiveHours: null, budgetCents: covered.estimateCents! - 1 },
      sad,
      period,
    );
    expect(short).toEqual({ status: 'budget_short', estimateCents: covered.estimateCents });
    // Festive hours cost more (l. 3156, 3194).
    const festive = checkForecastLine({ annualHours: 100, festiveHours: 30, budgetCents: null }, sad, period);
    expect(festive.status).toBe('budget_missing');
    expect(festive.estimateCents).toBeGreaterThan(covered.estimateCents!);
  });

  it('says what a row lacks: hours, a running project, a profile', () => {
    const figures = { annualHours: 100, festiveHours: null, budgetCents: 300_000 };
    expect(checkForecastLine({ ...figures, annualHours: null }, sad, period).status).toBe('hours_missing');
    expect(checkForecastLine(figures, null, period).status).toBe('no_project');
    expect(checkForecastLine(figures, { ...sad, service: 'SAAP' }, period).status).toBe('not_priced');
  });
});
