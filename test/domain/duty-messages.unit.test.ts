import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import {
  attendanceInvoicingMessage,
  forecastProposalMessage,
  forecastRequestMessage,
  invoicingOpenMessage,
} from '../../domain/schedule/duty-messages.js';

const duty = {
  kind: 'forecast_request' as const,
  period: '2026',
  dueOn: calendarDate('2026-10-30'),
  lastUsefulOn: calendarDate('2026-11-30'),
  deadline: calendarDate('2026-11-30'),
  services: ['SAD', 'CENTRO_DIURNO_MINORI', 'FOSTER_CARE'] as const,
};

describe('forecast reminders speak Italian (issue 14, point 4)', () => {
  it('name the services, never their codes', () => {
    for (const message of [forecastRequestMessage(duty, 'Crema'), forecastProposalMessage(duty)]) {
      const text = message.paragraphs.join('\n');
      expect(text).not.toMatch(/CENTRO_DIURNO_MINORI|FOSTER_CARE/);
      expect(text).toContain('Centro Diurno Minori');
      expect(text).toContain('affido etero-familiare');
    }
  });
});

describe('invoicing reminders give the payment date (seed SAD FASE 8: 30 giorni data fattura fine mese)', () => {
  it('tells the provider when an invoice issued that day is paid', () => {
    const invoicing = {
      kind: 'invoicing_open' as const,
      period: '2027-04',
      dueOn: calendarDate('2027-05-21'),
      lastUsefulOn: calendarDate('2027-05-31'),
      serviceMonth: { year: 2027, month: 4 },
    };
    // 21 May + 30 days = 20 June, end of that month: 30 June.
    expect(invoicingOpenMessage(invoicing).paragraphs.join('\n')).toContain(
      'entro il mercoledì 30 giugno 2027',
    );
    const dayCentres = {
      ...invoicing,
      kind: 'attendance_invoicing' as const,
      dueOn: calendarDate('2027-05-11'),
    };
    // 11 May + 30 days = 10 June: 30 June.
    expect(attendanceInvoicingMessage(dayCentres).paragraphs.join('\n')).toContain(
      'entro il mercoledì 30 giugno 2027',
    );
  });
});
