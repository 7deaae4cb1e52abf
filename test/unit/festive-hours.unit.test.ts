import { describe, expect, it } from 'vitest';
import { festiveHoursIn } from '../../domain/triage/festive-hours.js';
import { activationLines, composeEml } from '../support/compose-mail.js';
import { triageRaw } from '../support/triage-file.js';

const request = (ore: string, budget: string, body = 'Si trasmette la richiesta.') =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject: 'Richiesta attivazione SAD',
    date: new Date('2027-02-10T09:00:00Z'),
    text: [body, '', ...activationLines({ ore, budget })].join('\n'),
  });

// Issue 24, point 7 — seed l. 3156 and 3194: SAD/SADH hours on Sundays and national holidays are
// paid at the festive tariff (24,00 € + IVA), the others at the weekday tariff (20,20 € + IVA).
describe('festive hours at intake', () => {
  it('reads «di cui … ore la domenica e nei festivi» however it is written', () => {
    expect(festiveHoursIn('MONTE ORE ANNUALE 100 (di cui 30 ore la domenica e nei festivi)')).toBe(30);
    expect(festiveHoursIn('di cui 12,5 ore festive')).toBe(12.5);
    expect(festiveHoursIn('Di cui 8 h nei giorni Festivi')).toBe(8);
    expect(festiveHoursIn('monte ore 100, di cui 30 in orario serale')).toBeNull();
  });

  it('prices them at the festive tariff: 2.121 € no longer covers 100 hours of which 30 festive', async () => {
    // 70 h × 20,20 € + 30 h × 24,00 € = 2.134,00 € + IVA 5% = 2.240,70 € (not 100 h × 20,20 € + IVA = 2.121,00 €).
    const short = await triageRaw(
      await request('100 (di cui 30 ore la domenica e nei festivi)', '€ 2.121,00'),
    );
    expect(short.result.action).toBe('request_integration');
    const problem = short.result.problems.find((entry) => entry.code === 'budget_insufficient')!;
    expect(problem.details).toMatchObject({ requiredCents: 224_070, statedCents: 212_100 });
    expect(problem.message.replace(/\u00a0/g, ' ')).toContain(
      '70 ore × 20,20 € (tariffa SAD feriale) + 30 ore la domenica e nei festivi × 24,00 € (tariffa SAD festivo) + IVA 5% = 2.240,70 €',
    );
    const enough = await triageRaw(
      await request('100 (di cui 30 ore la domenica e nei festivi)', '€ 2.240,70'),
    );
    expect(enough.result.action).toBe('acknowledge');
    expect(enough.result.draft?.request.festiveHours).toBe(30);
  });

  it('reads them from the e-mail when the form has no room for them, and only for SAD and SADH', async () => {
    const inBody = await triageRaw(
      await request(
        '100',
        '€ 2.121,00',
        'Si trasmette la richiesta: di cui 30 ore la domenica e nei festivi.',
      ),
    );
    expect(inBody.result.draft?.request.festiveHours).toBe(30);
    expect(inBody.result.action).toBe('request_integration');
    const plain = await triageRaw(await request('100', '€ 2.121,00'));
    expect(plain.result.action).toBe('acknowledge');
  });
});
