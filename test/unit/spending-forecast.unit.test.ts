import { describe, expect, it } from 'vitest';
import { readSpendingForecast } from '../../domain/forecasts/spending-forecast.js';
import { InMemoryIntakeStore } from '../support/fakes/in-memory-intake-store.js';
import { fetched, intakeOn, receivedAt } from '../support/in-memory-intake.js';

const forecastMail = (subject: string, lines: string[]) =>
  [
    'From: servizi.sociali@comune.crema.cr.it',
    'To: amministrazione@comunitasocialecremasca.it',
    `Subject: ${subject}`,
    'Message-ID: <forecast-1@comune.crema.cr.it>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...lines,
  ].join('\r\n');

const detail = [
  'Buongiorno, si trasmette la previsione di spesa per l’anno scolastico 2027/2028.',
  'Prospetto di dettaglio degli utenti:',
  'FRRLCU15H12G004O  ore settimanali 10  continuità',
  'CNTGLI11P70D142W  ore settimanali 8  nuova attivazione',
  'RSSMRA80A01D142Z  ore settimanali 6', // not a valid codice fiscale: left out
];

// Seed l. 1811-1834: the Comuni send the SAAP forecast by 30 July with the detail of the pupils;
// the cumulative contracts go to the providers within 10 days, returned signed within 5 working days.
describe('a spending forecast by e-mail', () => {
  it('is recognised with its service and the valid codici fiscali it lists', async () => {
    const texts = detail.map((text) => ({ text }));
    expect(await readSpendingForecast('Previsionale SAAP a.s. 2027/2028', texts)).toEqual({
      service: 'SAAP',
      taxCodes: ['FRRLCU15H12G004O', 'CNTGLI11P70D142W'],
      // Weekly hours are not the hours of the year: the row is left for staff to complete.
      lines: [
        { taxCode: 'FRRLCU15H12G004O', annualHours: null, festiveHours: null, budgetCents: null },
        { taxCode: 'CNTGLI11P70D142W', annualHours: null, festiveHours: null, budgetCents: null },
      ],
    });
    expect(await readSpendingForecast('Domanda', [{ text: 'Quando arrivano i contratti?' }])).toBeNull();
  });

  it('is acknowledged to the Comune with the deadline of the cumulative contracts, and handed to staff', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    store.projects.set('FRRLCU15H12G004O/SAAP', {} as never);
    const mail = forecastMail('Previsionale di spesa SAAP 2027/2028', detail);
    expect(await intakeOn(store).handle(fetched(mail))).toBe('staff');
    expect(store.requests).toHaveLength(0);
    const rows = [...store.outbox.values()];
    const email = rows.find((row) => row.idempotencyKey.startsWith('forecast-ack:'));
    const text = email?.channel === 'email' ? email.payload.text : '';
    expect(email?.channel === 'email' && email.payload.to).toBe('servizi.sociali@comune.crema.cr.it');
    expect(text).toContain('previsione di spesa del servizio');
    expect(text).toContain('2 beneficiari: 1 con un progetto in corso (progetti in continuità) e 1 senza');
    // Received Wednesday 10 February 2027: contracts by 20 February.
    expect(text).toContain('contratto cumulativo di avvio del servizio entro il sabato 20 febbraio 2027');
    const staff = rows.find((row) => row.channel === 'teams');
    expect(staff?.channel === 'teams' && staff.payload).toMatchObject({
      type: 'message_for_staff',
      reason: 'forecast',
      note: expect.stringContaining(
        'Contratti cumulativi da trasmettere agli enti entro il sabato 20 febbraio 2027',
      ),
    });
  });

  it('is not answered when the sender is not a registered Comune', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const mail = forecastMail('Previsionale di spesa SAD 2028', detail).replace(
      'servizi.sociali@comune.crema.cr.it',
      'someone@example.com',
    );
    expect(await intakeOn(store).handle(fetched(mail))).toBe('staff');
    expect([...store.outbox.values()].every((row) => row.channel === 'teams')).toBe(true);
  });
});
