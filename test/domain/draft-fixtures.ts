import { calendarDate } from '../../domain/calendar/calendar-date.js';
import type { ContractSource } from '../../domain/contracts/contract-fields.js';
import { emptyRequestDraft, type RequestDraft } from '../../domain/requests/request-draft.js';

type Overrides = {
  service?: RequestDraft['service'];
  beneficiary?: Partial<RequestDraft['beneficiary']>;
  request?: Partial<RequestDraft['request']>;
  unreadable?: Record<string, string>;
};

const mariaBianchi = {
  surname: 'Bianchi',
  name: 'Maria',
  birthDate: calendarDate('1950-04-03'),
  taxCode: 'BNCMRA50D43D142D',
  municipality: 'Crema',
};

function build(kind: RequestDraft['kind'], base: Overrides, overrides: Overrides): RequestDraft {
  const empty = emptyRequestDraft(kind);
  return {
    ...empty,
    service: overrides.service !== undefined ? overrides.service : (base.service ?? null),
    beneficiary: { ...empty.beneficiary, ...base.beneficiary, ...overrides.beneficiary },
    request: { ...empty.request, ...base.request, ...overrides.request },
    unreadable: { ...overrides.unreadable },
  };
}

/** Sample 01: 200 h of SAD from 1 March 2027 with a budget of € 4.300,00. */
export function sadActivation(overrides: Overrides = {}): RequestDraft {
  return build(
    'activation',
    {
      service: 'SAD',
      beneficiary: mariaBianchi,
      request: {
        startDate: calendarDate('2027-03-01'),
        endDate: calendarDate('2027-12-31'),
        annualHours: 200,
        annualBudgetCents: 430_000,
        provider: 'Coop. Sociale Il Girasole',
        mainActivityCode: 'SAD-08',
        secondaryActivityCodes: ['SAD-02', 'SAD-04'],
        socialWorker: 'Dott.ssa Anna Bianchi',
      },
    },
    overrides,
  );
}

export function variation(overrides: Overrides = {}): RequestDraft {
  return build(
    'variation',
    {
      service: 'SAD',
      beneficiary: mariaBianchi,
      request: {
        effectiveDate: calendarDate('2027-03-22'),
        change: 'Monte ore annuale da 200 a 260 ore',
        annualBudgetCents: 560_000,
        socialWorker: 'Dott.ssa Anna Bianchi',
      },
    },
    overrides,
  );
}

export function dayCentreEntry(overrides: Overrides = {}): RequestDraft {
  return build(
    'day_centre_entry',
    {
      service: 'CSE',
      beneficiary: {
        surname: 'Sala',
        name: 'Andrea',
        birthDate: calendarDate('1994-11-05'),
        taxCode: 'SLANDR94S05C153V',
        municipality: 'Castelleone',
      },
      request: {
        dayUnit: 'CSE Il Seme – Castelleone',
        startDate: calendarDate('2027-02-01'),
        attendance: { type: 'full_time', weekdays: [], text: 'full time' },
        annualBudgetCents: 550_000,
      },
    },
    overrides,
  );
}

export function cessation(overrides: Overrides = {}): RequestDraft {
  return build(
    'cessation',
    {
      service: 'SAD',
      beneficiary: mariaBianchi,
      request: { endDate: calendarDate('2027-06-30'), reason: 'Ricovero in RSA' },
    },
    overrides,
  );
}

/** The contract of sample 01 (request 2027/0000123 to Il Girasole), as the golden files expect it. */
export function sadContractSource(): ContractSource {
  return {
    protocol: '2027/0000123',
    receivedOn: calendarDate('2027-02-10'),
    draftedOn: calendarDate('2027-02-11'),
    draft: sadActivation(),
    providerName: 'Coop. Sociale Il Girasole',
    vatRateBasisPoints: 500,
  };
}
