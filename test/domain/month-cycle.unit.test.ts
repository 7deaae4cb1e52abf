import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { monthCycle, paymentDueDate } from '../../domain/deadlines/month-cycle.js';

describe('monthly cycle', () => {
  it('sets day 8, days 9–20, day 21 and the month end of M+1 for hours in Gecas', () => {
    expect(monthCycle('gecas_hours', 2027, 3)).toEqual({
      serviceYear: 2027,
      serviceMonth: 3,
      providerValidationBy: '2027-04-08',
      municipalityCheckFrom: '2027-04-09',
      municipalityCheckTo: '2027-04-20',
      validatedFrom: '2027-04-21',
      attendanceSheetBy: null,
      invoiceFrom: '2027-04-21',
      invoiceBy: '2027-04-30',
    });
  });

  it('rolls December hours into January of the next year', () => {
    const cycle = monthCycle('gecas_hours', 2027, 12);
    expect(cycle?.providerValidationBy).toBe('2028-01-08');
    expect(cycle?.invoiceBy).toBe('2028-01-31');
  });

  it('asks day centres for the attendance sheet by day 10 and the invoice by month end', () => {
    const cycle = monthCycle('attendance_sheet', 2027, 1);
    expect(cycle?.attendanceSheetBy).toBe('2027-02-10');
    expect(cycle?.invoiceBy).toBe('2027-02-28');
    expect(cycle?.providerValidationBy).toBeNull();
  });

  it('has no monthly cycle for services invoiced at the end of the intervention', () => {
    expect(monthCycle('end_of_intervention', 2027, 1)).toBeNull();
  });

  it.each([
    ['2027-04-21', '2027-05-31'],
    ['2027-01-31', '2027-03-31'],
    ['2027-04-30', '2027-05-31'],
    ['2027-12-15', '2028-01-31'],
  ])('an invoice dated %s is paid by %s (30 days, end of month)', (invoice, due) => {
    expect(paymentDueDate(calendarDate(invoice))).toBe(due);
  });
});
