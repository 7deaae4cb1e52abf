import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { municipalitySharePercent } from '../../domain/costs/municipality-share.js';
import { activationLines, formMessage, lucaFerri } from '../support/compose-mail.js';
import { InMemoryIntakeStore } from '../support/fakes/in-memory-intake-store.js';
import { fetched, intakeOn, receivedAt } from '../support/in-memory-intake.js';

const on = calendarDate('2027-03-01');

// Seed l. 3300-3304, 3588: the district funds pay 50% of SIP for minors placed in a community.
describe('SIP of a placed minor', () => {
  it('leaves the Comune half the cost, and a quarter when a second Comune shares it', () => {
    expect(municipalitySharePercent({ service: 'SIP', coPaid: false, placedMinor: true }, on)).toBe(50);
    expect(municipalitySharePercent({ service: 'SIP', coPaid: true, placedMinor: true }, on)).toBe(25);
    expect(municipalitySharePercent({ service: 'SIP', coPaid: false, placedMinor: false }, on)).toBe(100);
    expect(municipalitySharePercent({ service: 'ADM', coPaid: false, placedMinor: true }, on)).toBe(100);
  });

  // 100 h × € 22,70 + 5% IVA = € 2.383,50; half is € 1.191,75.
  const sip = (extra: string[]) =>
    formMessage(
      [
        ...activationLines({
          ...lucaFerri,
          sip: '☒',
          ore: '100',
          budget: '€ 1.200,00',
        }),
        ...extra,
      ],
      `sip-${extra.length}`,
    ).replace('servizi.sociali@comune.crema.cr.it', 'servizi.sociali@comune.offanengo.cr.it');

  it('asks the Comune for its half only when the message says the minor is placed', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store);
    await intake.handle(fetched(sip([]), 1n));
    await intake.handle(fetched(sip(['Il minore è collocato in comunità educativa.']), 2n));
    const [notPlaced, placed] = store.requests.map((request) => request.decision.request!);
    expect(notPlaced!.status).toBe('integration_requested');
    expect(JSON.stringify(notPlaced!.problems)).toContain('budget_insufficient');
    expect(placed!.status).toBe('acknowledged');
    expect(placed!.opens).toMatchObject({ service: 'SIP', placedMinor: true });
    const notice = [...store.outbox.values()].find(
      (row) => row.idempotencyKey === `reply:${store.requests[1]!.inboundId}`,
    );
    expect(notice?.channel === 'email' && notice.payload.text).toContain(
      'il 50% della spesa è sostenuto da Comunità Sociale Cremasca con i fondi distrettuali',
    );
  });

  it('does not read "non collocato" as a placement', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    await intakeOn(store).handle(fetched(sip(['Minore non collocato, vive con la madre.']), 3n));
    expect(store.requests[0]!.decision.request!.status).toBe('integration_requested');
  });
});
