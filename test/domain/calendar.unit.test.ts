import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOn,
  calendarDate,
  daysBetween,
  isoWeekday,
  romeDateOf,
  tryCalendarDate,
  type CalendarDate,
} from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate, formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { easterSunday, nationalHolidayOn } from '../../domain/calendar/national-holidays.js';
import {
  addWorkingDays,
  firstWorkingDayOfMonth,
  isFestiveDay,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from '../../domain/calendar/working-days.js';

const d = (value: string) => calendarDate(value);

describe('calendar dates', () => {
  it.each([
    ['2027-02-29', null],
    ['2028-02-29', '2028-02-29'],
    ['2027-13-01', null],
    ['2027-04-31', null],
    ['27-04-01', null],
    ['2027-04-30', '2027-04-30'],
  ])('tryCalendarDate(%s) = %s', (input, expected) => {
    expect(tryCalendarDate(input)).toBe(expected);
  });

  it('rejects an impossible date with an AppError', () => {
    expect(() => calendarDate('2027-02-30')).toThrowError(/Not a calendar date/);
  });

  it.each([
    ['2026-10-08T22:30:00Z', '2026-10-09'], // CEST, +2
    ['2026-10-08T21:59:59Z', '2026-10-08'],
    ['2027-01-31T23:00:00Z', '2027-02-01'], // CET, +1
    ['2027-01-31T22:59:59Z', '2027-01-31'],
    ['2027-03-28T00:30:00Z', '2027-03-28'], // DST change day
  ])('the Rome date of %s is %s', (instant, expected) => {
    expect(romeDateOf(new Date(instant))).toBe(expected);
  });

  it('adds days across months and leap years', () => {
    expect(addDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(d('2027-02-28'), 1)).toBe('2027-03-01');
    expect(addDays(d('2027-03-01'), 15)).toBe('2027-03-16');
    expect(addDays(d('2027-01-01'), -1)).toBe('2026-12-31');
    expect(daysBetween(d('2027-03-01'), d('2027-03-16'))).toBe(15);
  });

  it('computes ages on a date, birthday included', () => {
    expect(ageOn(d('2009-03-15'), d('2027-03-14'))).toBe(17);
    expect(ageOn(d('2009-03-15'), d('2027-03-15'))).toBe(18);
  });

  it('formats dates the Italian way', () => {
    expect(formatLongItalianDate(d('2026-01-05'))).toBe('lunedì 5 gennaio 2026');
    expect(formatLongItalianDate(d('2027-03-28'))).toBe('domenica 28 marzo 2027');
    expect(formatShortItalianDate(d('2027-03-03'))).toBe('03/03/2027');
  });
});

describe('national holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is on %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each([
    ['2027-03-29', "Lunedì dell'Angelo"],
    ['2026-04-06', "Lunedì dell'Angelo"],
    ['2027-10-04', 'San Francesco d’Assisi'],
    ['2025-10-04', null], // not a holiday before L. 151/2025
    ['2027-06-02', 'Festa della Repubblica'],
    ['2027-01-06', 'Epifania'],
    ['2027-12-26', 'Santo Stefano'],
    ['2027-01-31', null], // San Pantaleone, patron of Crema: never a national holiday
    ['2027-08-16', null],
  ])('%s → %s', (date, name) => {
    expect(nationalHolidayOn(d(date))).toBe(name);
  });
});

describe('working and festive days', () => {
  it.each([
    ['2027-03-01', true], // Monday
    ['2027-03-06', false], // Saturday
    ['2027-03-07', false], // Sunday
    ['2027-03-29', false], // Easter Monday
    ['2027-10-04', false], // San Francesco, a Monday in 2027
    ['2026-10-05', true],
  ])('isWorkingDay(%s) = %s', (date, expected) => {
    expect(isWorkingDay(d(date))).toBe(expected);
  });

  it.each([
    ['2027-03-06', false], // Saturday is a working-tariff day for SAD
    ['2027-03-07', true],
    ['2027-03-29', true],
    ['2027-12-08', true],
    ['2028-01-31', false], // San Pantaleone, patron of Crema, a Monday: not festive
  ])('isFestiveDay(%s) = %s', (date, expected) => {
    expect(isFestiveDay(d(date))).toBe(expected);
  });

  it('counts five working days from Wednesday 24 December 2025 to Monday 5 January 2026', () => {
    expect(addWorkingDays(d('2025-12-24'), 5)).toBe('2026-01-05');
    expect(isoWeekday(d('2026-01-05'))).toBe(1);
  });

  it.each([
    ['2027-03-05', 1, '2027-03-08'], // Friday → Monday
    ['2027-03-26', 2, '2027-03-31'], // over Easter Monday
    ['2027-04-23', 2, '2027-04-27'], // 25 April is a Sunday in 2027: only the weekend is skipped
    ['2027-12-23', 2, '2027-12-27'], // Christmas on Saturday, Santo Stefano on Sunday
    ['2026-12-23', 2, '2026-12-28'], // 2026: Christmas Friday, Santo Stefano Saturday
    ['2026-01-05', 2, '2026-01-08'], // Epiphany
    ['2027-03-01', 0, '2027-03-01'],
  ])('addWorkingDays(%s, %i) = %s', (from, count, expected) => {
    expect(addWorkingDays(d(from), count)).toBe(expected);
  });

  it('refuses a negative count', () => {
    expect(() => addWorkingDays(d('2027-03-01'), -1)).toThrow(RangeError);
  });

  it('finds the first working day of a month and the next working day', () => {
    expect(firstWorkingDayOfMonth(2027, 1)).toBe('2027-01-04'); // 1 Jan holiday, 2–3 weekend
    expect(firstWorkingDayOfMonth(2027, 11)).toBe('2027-11-02'); // 1 Nov holiday
    expect(workingDayOnOrAfter(d('2027-08-15'))).toBe('2027-08-16');
    expect(workingDaysBetween(d('2025-12-24'), d('2026-01-05'))).toBe(5);
  });

  it('never counts a weekend or holiday in 400 days of working-day arithmetic', () => {
    let date: CalendarDate = d('2026-01-01');
    for (let i = 0; i < 400; i += 1) {
      const next = addWorkingDays(date, 1);
      expect(isWorkingDay(next)).toBe(true);
      for (let between = addDays(date, 1); between < next; between = addDays(between, 1)) {
        expect(isWorkingDay(between)).toBe(false);
      }
      date = next;
    }
  });
});
