import { Viewer } from '../../services/access/read-log.js';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import type { LedgerProject } from '../../domain/costs/project-ledger.js';
import type { ImportedMonth } from '../../domain/costs/monthly-hours-cost.js';
import {
  answerBudget,
  type BudgetLookup,
  type ProjectSummary,
} from '../../services/budgets/budget-answer.js';

const summary: ProjectSummary = {
  projectId: 'p-cse',
  beneficiary: { surname: 'Sala', name: 'Andrea', taxCode: 'SLANDR94S05C153V' },
  service: 'CSE',
  municipalityName: 'Castelleone',
  providerName: 'Il Seme',
  status: 'active',
};
const project: LedgerProject = {
  service: 'CSE',
  operatorProfile: null,
  upperSecondary: false,
  coPaid: false,
  placedMinor: false,
  committedCents: 550_000,
  budgetChanges: [],
  startDate: calendarDate('2026-02-01'),
  endDate: calendarDate('2026-12-31'),
  vatRateBasisPoints: null,
};
const october: ImportedMonth = {
  year: 2026,
  month: 10,
  minutes: 120,
  festiveMinutes: 0,
  backOfficeMinutes: 0,
  fullTimeDays: 18,
  partTimeDays: 2,
  meals: 18,
};
const lookup = (months: ImportedMonth[]): BudgetLookup => ({
  nameIndex: async () => [],
  byTaxCode: async () => [summary],
  byProtocol: async () => [],
  byProjects: async () => [summary],
  ledgerInput: async () => ({ project, months }),
});

// Day centres are spent by attendance, at the Comune's share of the daily tariffs (seed l. 3466-3514).
describe("a day centre's budget in the bot", () => {
  it('counts the attendance sheets, not hours: € 723,18 of € 5.500,00 after October', async () => {
    const answer = await answerBudget(
      lookup([october]),
      { municipalityId: null, providerId: null },
      { by: 'tax_code', taxCode: 'SLANDR94S05C153V' },
      calendarDate('2026-11-20'),
      new Viewer({ record: async () => undefined }, { actor: 'test', actorName: 'Test', role: 'staff' }),
    );
    expect(answer.kind).toBe('text');
    const text = answer.kind === 'text' ? answer.text : '';
    expect(text).toContain('Speso (presenze validate fino a ottobre 2026)');
    expect(text).toMatch(/723,18/);
    expect(text).toMatch(/4\.776,82/);
    // Issue 24, point 6: the district fund's share beside the Comune's quota (seed l. 3493-3507):
    // 18 × 21,00 + 2 × 10,50 + 2 h × 8,50 = 416,00 €.
    expect(text.replace(/\u00a0/g, ' ')).toContain(
      'Quota FUD (fondo distrettuale) delle stesse presenze: 416,00 €',
    );
  });
});
