import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { formatEuro } from '../../domain/money.js';
import { budgetInForce } from '../../domain/projects/project-change.js';
import type { ProjectToChange } from '../../services/intake/intake-store.js';
import {
  activationLines,
  cessationFormLines,
  formMessage,
  variationFormLines,
} from '../support/compose-mail.js';
import { InMemoryIntakeStore } from '../support/fakes/in-memory-intake-store.js';
import { fetched, intakeOn, receivedAt } from '../support/in-memory-intake.js';

const mariaSad: ProjectToChange = {
  id: 'project-1',
  service: 'SAD',
  startDate: calendarDate('2027-01-01'),
  endDate: calendarDate('2027-12-31'),
  committedBudgetCents: 430_000,
  annualMinutes: 200 * 60,
  operatorProfile: null,
  coPaid: false,
  placedMinor: false,
  provider: { id: 'provider-1', name: 'Coop. Sociale Il Girasole', email: 'contratti@girasole.example' },
  contractMessageId: '<contract.1@sportello.test>',
};

function outboxOf(store: InMemoryIntakeStore) {
  return [...store.outbox.values()];
}

// Seed l. 492-504 and the VARIAZIONE / CESSAZIONE forms: an accepted change must change the project.
describe('variations and cessations applied to their project (in memory)', () => {
  it('applies a variation from its decorrenza and tells the provider in the contract thread and staff on a card', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    store.projects.set('BNCMRA50D43D142D/SAD', mariaSad);
    // 260 h × 20,20 € + IVA 5% = 5.514,60 €: the new budget covers them (seed l. 502-506).
    const lines = variationFormLines({ ore: '260', budget: '€ 5.600,00' });
    expect(await intakeOn(store).handle(fetched(formMessage(lines, 'variation-1')))).toBe('processed');
    const request = store.requests[0]!.decision.request!;
    expect(request.status).toBe('acknowledged');
    expect(request.changes).toEqual({
      projectId: 'project-1',
      change: {
        kind: 'variation',
        effectiveOn: '2027-04-01',
        previous: {
          committedBudgetCents: 430_000,
          annualMinutes: 12_000,
          endDate: '2027-12-31',
          operatorProfile: null,
        },
        terms: {
          committedBudgetCents: 560_000,
          annualMinutes: 15_600,
          endDate: '2027-12-31',
          operatorProfile: null,
        },
      },
    });
    const provider = outboxOf(store).find((row) =>
      row.idempotencyKey.startsWith('project-changed-provider:'),
    );
    expect(provider?.recipient).toEqual({ kind: 'address', address: 'contratti@girasole.example' });
    const email = provider?.channel === 'email' ? provider.payload : null;
    expect(email?.inReplyTo).toBe('<contract.1@sportello.test>');
    expect(email?.subject).toBe('Variazione progettuale – pratica n. 2027/0000001');
    expect(email?.text).toContain('decorrenza: giovedì 1 aprile 2027');
    expect(email?.text).toContain(
      `budget annuale: ${formatEuro(560_000)} (in precedenza ${formatEuro(430_000)})`,
    );
    expect(email?.text).toContain('ore annue: 260 (in precedenza 200)');
    const teams = outboxOf(store).find((row) =>
      row.idempotencyKey.startsWith('project-changed-provider-teams:'),
    );
    expect(teams?.recipient).toEqual({ kind: 'provider', id: 'provider-1' });
    const card = outboxOf(store).find((row) => row.idempotencyKey.startsWith('project-changed:'));
    expect(card?.payload).toMatchObject({
      type: 'project_changed',
      protocol: '2027/0000001',
      kind: 'variation',
    });
  });

  it('(issue 24, point 5) does not apply a variation whose new budget does not cover its hours (seed l. 502-506)', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    store.projects.set('BNCMRA50D43D142D/SAD', mariaSad);
    // 150 h × 20,20 € = 3.030,00 € + IVA 5% = 3.181,50 €, against a new budget of 1.900,00 €.
    const lines = variationFormLines({ ore: '150', budget: '€ 1.900,00' });
    await intakeOn(store).handle(fetched(formMessage(lines, 'variation-short')));
    const request = store.requests[0]!.decision.request!;
    expect(request.status).toBe('integration_requested');
    expect(request.changes).toBeUndefined();
    expect(request.problems).toContainEqual(
      expect.objectContaining({
        code: 'budget_insufficient',
        details: expect.objectContaining({ requiredCents: 318_150, statedCents: 190_000 }),
      }),
    );
    expect(outboxOf(store).some((row) => row.idempotencyKey.startsWith('project-changed'))).toBe(false);
    // The same hours with a budget that covers them are applied.
    const covered = new InMemoryIntakeStore(() => receivedAt);
    covered.projects.set('BNCMRA50D43D142D/SAD', mariaSad);
    const enough = variationFormLines({ ore: '150', budget: '€ 3.181,50' });
    await intakeOn(covered).handle(fetched(formMessage(enough, 'variation-covered')));
    expect(covered.requests[0]!.decision.request!.status).toBe('acknowledged');
    expect(covered.requests[0]!.decision.request!.changes?.change.terms.annualMinutes).toBe(150 * 60);
  });

  it('ends the project on a cessation date, never later than it was going to end', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    store.projects.set('BNCMRA50D43D142D/SAD', mariaSad);
    await intakeOn(store).handle(
      fetched(formMessage(cessationFormLines({ data: '30/04/2027' }), 'cessation-1')),
    );
    const change = store.requests[0]!.decision.request!.changes!.change;
    expect(change).toMatchObject({
      kind: 'cessation',
      effectiveOn: '2027-04-30',
      terms: { endDate: '2027-04-30' },
    });
    const provider = outboxOf(store).find((row) =>
      row.idempotencyKey.startsWith('project-changed-provider:'),
    );
    expect(provider?.channel === 'email' && provider.payload.text).toContain(
      'il servizio cessa il venerdì 30 aprile 2027 (ultimo giorno di servizio)',
    );
  });

  it('does not apply a variation of no running project: the Comune is asked which one, staff are told why', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    await intakeOn(store).handle(fetched(formMessage(variationFormLines(), 'variation-orphan')));
    const request = store.requests[0]!.decision.request!;
    expect(request.status).toBe('integration_requested');
    expect(request.changes).toBeUndefined();
    expect(request.problems).toContainEqual(expect.objectContaining({ code: 'project_not_found' }));
    const reply = outboxOf(store).find((row) => row.idempotencyKey.startsWith('reply:'));
    expect(reply?.channel === 'email' && reply.payload.subject).toContain('Richiesta di integrazione');
    expect(reply?.channel === 'email' && reply.payload.text).toContain(
      'non risulta in corso un progetto del servizio SAD – Servizio di Assistenza Domiciliare Anziani per il beneficiario con codice fiscale BNCMRA50D43D142D',
    );
    const note = outboxOf(store).find((row) => row.idempotencyKey.startsWith('project-not-found:'));
    expect(note?.recipient).toEqual({ kind: 'staff' });
    expect(outboxOf(store).some((row) => row.idempotencyKey.startsWith('project-changed'))).toBe(false);
  });
});

describe('service names in the messages of a change', () => {
  it('never show a service by its internal code (issue 14, point 4)', () => {
    expect(serviceLabel('SAD')).toBe('SAD – Servizio di Assistenza Domiciliare Anziani');
    expect(serviceLabel('CENTRO_DIURNO_MINORI')).not.toContain('CENTRO_DIURNO_MINORI');
    expect(serviceLabel('FOSTER_CARE')).not.toContain('FOSTER_CARE');
  });
});

describe('a variation of a day centre', () => {
  const dayCentreLines = () =>
    variationFormLines().map((line) =>
      line.includes('(SAD – SADH)')
        ? line.replace('☒', '☐')
        : line.replace('☐ SERVIZO CSE-CDD-SFA', '☒ SERVIZO CSE-CDD-SFA'),
    );

  it('(issue 24, point 5) finds the running CSE, CDD or SFA project by codice fiscale: the form has no unit field (l. 4250-4262)', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    store.projects.set('BNCMRA50D43D142D/CSE', {
      ...mariaSad,
      id: 'project-cse',
      service: 'CSE',
      annualMinutes: null,
      committedBudgetCents: 700_000,
    });
    await intakeOn(store).handle(fetched(formMessage(dayCentreLines(), 'variation-cse')));
    const request = store.requests[0]!.decision.request!;
    expect(request.status).toBe('acknowledged');
    expect(request.service).toBe('CSE');
    expect(request.changes).toMatchObject({
      projectId: 'project-cse',
      change: { kind: 'variation', terms: { committedBudgetCents: 520_000 } },
    });
  });

  it('asks for the unit when the single CSE-CDD-SFA box is ticked, no unit is named and no day-centre project runs', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const lines = dayCentreLines();
    await intakeOn(store).handle(fetched(formMessage(lines, 'variation-day-centre')));
    const reply = outboxOf(store).find((row) => row.idempotencyKey.startsWith('reply:'));
    const text = reply?.channel === 'email' ? reply.payload.text : '';
    expect(text).toContain("È barrato il servizio CSE-CDD-SFA ma non è indicata l'unità d'offerta");
    expect(text).not.toContain('TIPO DI SERVIZIO');
  });
});

describe('budget in force on a date', () => {
  const variation = {
    effectiveOn: calendarDate('2027-04-01'),
    committedBudgetCents: 520_000,
    previousCommittedBudgetCents: 430_000,
  };

  it('keeps the earlier budget before the decorrenza and the new one from it, saying since when', () => {
    expect(budgetInForce(520_000, [variation], calendarDate('2027-03-31'))).toEqual({
      committedBudgetCents: 430_000,
      changedOn: null,
    });
    expect(budgetInForce(520_000, [variation], calendarDate('2027-04-01'))).toEqual({
      committedBudgetCents: 520_000,
      changedOn: '2027-04-01',
    });
  });

  it('goes back through two variations in a row', () => {
    const second = {
      effectiveOn: calendarDate('2027-09-01'),
      committedBudgetCents: 600_000,
      previousCommittedBudgetCents: 520_000,
    };
    expect(budgetInForce(600_000, [second, variation], calendarDate('2027-02-01')).committedBudgetCents).toBe(
      430_000,
    );
    expect(budgetInForce(600_000, [second, variation], calendarDate('2027-05-01'))).toEqual({
      committedBudgetCents: 520_000,
      changedOn: '2027-04-01',
    });
  });
});

// Seed l. 2659, 2831, 2991: ISD, Voucher FNA and QSFP are requested through Gecas.
describe('an activation of a service requested through Gecas', () => {
  it('is answered courteously that it goes through Gecas, not asked to tick SAD/ADM/SIP/SAAP', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const lines = activationLines({ sad: '☐' }).flatMap((line) =>
      line.includes('(SAAP)') ? [line, '☒ VOUCHER FNA'] : [line],
    );
    await intakeOn(store).handle(fetched(formMessage(lines, 'activation-fna')));
    const reply = outboxOf(store).find((row) => row.idempotencyKey.startsWith('reply:'));
    const email = reply?.channel === 'email' ? reply.payload : null;
    expect(email?.subject).toContain('Richiesta da inserire in Gecas');
    expect(email?.text).toContain('si richiede attraverso la piattaforma socio-sanitaria Gecas');
    expect(email?.text).not.toContain('TIPO DI SERVIZIO');
    expect(email?.text).not.toContain('modulo corretto');
  });
});
