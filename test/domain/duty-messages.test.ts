import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { forecastProposalMessage, forecastRequestMessage } from '../../domain/schedule/duty-messages.js';

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
