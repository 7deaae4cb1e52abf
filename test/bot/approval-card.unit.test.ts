import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../bot/cards/approval-card.js';
import type { ContractCardData } from '../../services/contracts/contract-card-data.js';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { cardText } from '../support/bot-harness.js';
import { catalogueNotice } from '../../domain/catalogue/catalogue.js';

const base: ContractCardData = {
  contractId: 'c1',
  version: 1,
  state: 'approved',
  protocol: '2026/0000001',
  kindLabel: 'Richiesta di attivazione servizio accreditato',
  serviceLabel: 'SAD',
  beneficiary: { fullName: 'Bianchi Maria', taxCode: null, municipality: 'Crema' },
  provider: null,
  annualHours: null,
  budgetCents: null,
  estimatedCostCents: null,
  notices: [],
  checks: [],
  deadlines: [{ label: 'x', date: calendarDate('2026-12-01') }],
  documentUrl: null,
  decision: { by: 'Ufficio', at: new Date('2026-11-22T23:22:00Z'), reason: null },
  delivery: { sentAt: null, dueBackOn: null, returnedAt: null, refusalReason: null },
  milestones: [],
  operatorName: null,
  phaseDPending: false,
};

describe('approval card', () => {
  it('warns staff when the tariffs are those of a disciplinare past its validity (seed l. 35)', () => {
    const notice = catalogueNotice(calendarDate('2027-02-10'))!;
    expect(notice).toContain('valido fino al 31/12/2024, applicate in proroga');
    expect(catalogueNotice(calendarDate('2024-12-31'))).toBeNull();
    expect(cardText(approvalCard({ ...base, notices: [notice] }))).toContain('applicate in proroga');
  });

  it('(7) shows a surname written as a markdown link, and a reason in bold, as plain characters', () => {
    const card = approvalCard({
      ...base,
      state: 'rejected',
      beneficiary: { ...base.beneficiary, fullName: '[Verifica urgente](https://phish.example) Maria' },
      decision: { ...base.decision!, reason: '**IMPORTANTE**\n# titolo\n- voce' },
    });
    const text = cardText(card);
    expect(text).toContain('\\[Verifica urgente\\](https://phish.example) Maria');
    expect(text).toContain('\\*\\*IMPORTANTE\\*\\*');
    expect(text).toContain('\n\\# titolo\n\\- voce');
    expect(text).not.toMatch(/(^|[^\\])\[Verifica/);
  });

  it('dates a decision in Rome time (23:22 UTC on 22 November is 00:22 on 23 November)', () => {
    expect(cardText(approvalCard(base))).toContain('Approvato da Ufficio il 23/11/2026 alle 00:22');
  });

  it('offers Approva and Rifiuta (with a required reason) only while the contract is a draft', () => {
    const draft = approvalCard({ ...base, state: 'draft', decision: null });
    const actions = draft.actions as {
      title: string;
      verb?: string;
      card?: { body: { isRequired: boolean }[] };
    }[];
    expect(actions.map((action) => action.title)).toEqual(['Approva', 'Rifiuta']);
    expect(actions[1]!.card!.body[0]!.isRequired).toBe(true);
    expect(approvalCard(base).actions).toEqual([]);
  });

  it('shows a sent contract with its due date, and lets staff record the answer by hand', () => {
    const sent = approvalCard({
      ...base,
      state: 'sent',
      delivery: {
        ...base.delivery,
        sentAt: new Date('2026-11-23T08:05:00Z'),
        dueBackOn: calendarDate('2026-11-25'),
      },
    });
    expect(cardText(sent)).toContain(
      "inviato all'ente il 23/11/2026 alle 09:05, da restituire firmato entro il 25/11/2026",
    );
    const actions = sent.actions as {
      title: string;
      verb?: string;
      card?: { actions: { verb: string }[] };
    }[];
    expect(actions.map((action) => action.verb ?? action.card?.actions[0]?.verb)).toEqual([
      'markContractReturned',
      'markContractRefused',
    ]);
    expect(approvalCard({ ...base, state: 'returned' }).actions).toEqual([]);
  });
});
