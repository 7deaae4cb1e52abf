import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { operatorNameIn } from '../../domain/contracts/operator-name.js';
import { phaseDAfterReturn, serviceMayStartOn } from '../../services/contracts/phase-d.js';

// Seed l. 216-219: the provider names the operator with its return; l. 240-246: fase D within 7 days.
describe('after the signed return', () => {
  it("reads the operator's name as providers write it, and nothing else", () => {
    expect(operatorNameIn("L'operatore incaricato è la sig.ra Lucia Verdi.")).toBe('Lucia Verdi');
    expect(operatorNameIn('Operatore di riferimento: Paolo De Santis')).toBe('Paolo De Santis');
    expect(operatorNameIn("L'operatrice assegnata sarà Anna Maria Rossi, dal lunedì")).toBe(
      'Anna Maria Rossi',
    );
    expect(operatorNameIn('In allegato il contratto firmato. Cordiali saluti')).toBeNull();
    expect(operatorNameIn("Vi comunicheremo l'operatore incaricato a breve")).toBeNull();
  });

  it('dates the fase D 7 days after the return, reminds two days before, and only for services with the term', () => {
    const returned = calendarDate('2027-03-10');
    const phaseD = phaseDAfterReturn(
      { contractId: 'c1', protocol: '2027/0000001', service: 'SAD' },
      returned,
    )!;
    expect(phaseD.dueOn).toBe('2027-03-17');
    expect(phaseD.reminders[0]).toMatchObject({
      idempotencyKey: 'contract-phase-d:c1',
      kind: 'contract_phase_d',
      dueAt: new Date('2027-03-15T08:00:00Z'),
    });
    expect(
      phaseDAfterReturn({ contractId: 'c2', protocol: '2027/0000002', service: 'CSE' }, returned),
    ).toBeNull();
  });

  it('lets the service start on the planned day, never before the fase D', () => {
    expect(serviceMayStartOn(calendarDate('2027-04-01'), calendarDate('2027-03-15'))).toBe('2027-04-01');
    expect(serviceMayStartOn(calendarDate('2027-03-01'), calendarDate('2027-03-15'))).toBe('2027-03-15');
    expect(serviceMayStartOn(null, calendarDate('2027-03-15'))).toBe('2027-03-15');
  });
});
