import { describe, expect, it } from 'vitest';
import {
  historyLabel,
  requestTimeline,
  type RequestRecords,
} from '../../services/history/request-timeline.js';

const at = (time: string) => new Date(`2027-02-10T${time}Z`);

// The story `npm run history` tells, from records alone: no database needed.
describe('request timeline (pure)', () => {
  it('tells every recorded step in Italian, oldest first, with what failed and why', () => {
    const records: RequestRecords = {
      request: {
        kind: 'activation',
        service: 'SAD',
        status: 'acknowledged',
        problems: 0,
        senderAddress: 'servizi.sociali@comune.crema.cr.it',
        receivedAt: at('08:15:00'),
      },
      audit: [
        {
          at: at('08:15:01'),
          actor: 'sportello',
          action: 'request_registered',
          fromState: null,
          toState: 'acknowledged',
          reason: null,
          details: { protocol: '2027/0000001' },
        },
      ],
      contractChanges: [
        { at: at('09:00:00'), actor: 'Ufficio', fromState: 'draft', toState: 'approved', reason: null },
      ],
      outbox: [
        {
          idempotencyKey: 'contract-sent:c1',
          channel: 'email',
          recipient: 'contratti@ente.example',
          state: 'pending',
          createdAt: at('09:00:01'),
          sentAt: null,
          attempts: 2,
          lastError: '451 try later',
        },
      ],
      projectChanges: [
        {
          at: at('10:00:00'),
          protocol: '2027/0000007',
          kind: 'variation',
          lines: ['decorrenza: giovedì 1 aprile 2027', 'budget annuale: 5.200,00 €'],
          cancelledAt: at('11:00:00'),
          cancelledBy: 'Elena Verdi',
        },
      ],
      reminders: [],
    };
    const events = requestTimeline(records);
    expect(events.map((event) => event.what)).toEqual([
      'messaggio ricevuto nella casella dell’ufficio',
      'request_registered',
      'contratto: bozza → approvato',
      "contratto trasmesso all'ente (e-mail) a contratti@ente.example",
      'variazione applicata al progetto (pratica 2027/0000007)',
      'variazione della pratica 2027/0000007 annullata',
    ]);
    expect(events[4]!.detail).toBe('decorrenza: giovedì 1 aprile 2027; budget annuale: 5.200,00 €');
    expect(events[5]!.actor).toBe('Elena Verdi');
    // Issue 24, point 8: Italian sentences, never raw codes or JSON.
    expect(events[1]!.detail).toBe('— → avvio del procedimento comunicato; pratica n. 2027/0000001');
    expect(events[3]!.detail).toBe('in attesa di invio (2 tentativi)');
    for (const event of events)
      expect(`${historyLabel(event)} ${event.detail ?? ''}`).not.toMatch(/[{}]|_|pending|draft/);
  });
});
