import { describe, expect, it } from 'vitest';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import { emptyRequestDraft } from '../../domain/requests/request-draft.js';
import { scanDoubts } from '../../domain/triage/scan-reading-check.js';
import { activationLines, composeEml } from '../support/compose-mail.js';
import { triageRaw } from '../support/triage-file.js';

const mail = (subject: string, text: string) =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject,
    date: new Date('2027-02-10T09:00:00Z'),
    text,
  });

// Issue 24, point 8: what a new user of the office met when trying Sportello.
describe('smaller points seen as a new user', () => {
  it('takes a question that mentions «previsionale» for a question, and a forecast for a forecast', async () => {
    const question = await triageRaw(
      await mail(
        'Informazioni tariffa SAD',
        'Buongiorno, ci servirebbe conoscere la tariffa oraria SAD 2027 per predisporre il previsionale. Grazie.',
      ),
    );
    expect(question.result.kind).not.toBe('forecast');
    expect(question.json.staffReason).toBe('no_form');
    const forecast = await triageRaw(
      await mail('Previsionale di spesa SAD 2027', 'In allegato il previsionale di spesa SAD per il 2027.'),
    );
    expect(forecast.result.kind).toBe('forecast');
    expect(forecast.json.staffReason).toBe('forecast');
  });

  it('tells an ISD request it goes through Gecas and asks nothing else of the form (seed l. 2659)', async () => {
    const lines = activationLines({ sad: '☐', ore: '', budget: '' }).flatMap((line) =>
      line.includes('(SAAP)') ? [line, '☒ INTERVENTI DI SOSTEGNO DOMICILIARE (ISD)'] : [line],
    );
    const isd = await triageRaw(await mail('Richiesta ISD', lines.join('\n')));
    expect(isd.result.problems.map((problem) => problem.code)).toEqual(['service_via_gecas']);
    expect(JSON.stringify(isd.result.problems)).not.toMatch(/MONTE ORE|monte ore/);
  });

  it('says why a message goes to staff in the triage JSON, and nothing when it does not', async () => {
    const answered = await triageRaw(await mail('Richiesta SAD', activationLines().join('\n')));
    expect(answered.json).toMatchObject({ action: 'acknowledge', staffReason: null });
    const reply = await triageRaw(await mail('Re: pratica 2027/0000001', 'Grazie, ricevuto.'));
    expect(reply.json).toMatchObject({ action: 'forward_to_staff', staffReason: 'reply' });
  });

  it('does not hold a scan for a codice fiscale read uncertainly that agrees with the name and birth date read', () => {
    const draft = (surname: string) => {
      const empty = emptyRequestDraft('activation', 'SAD');
      return {
        ...empty,
        beneficiary: {
          surname,
          name: 'Maria',
          birthDate: '1950-04-03',
          taxCode: 'BNCMRA50D43D142D',
          municipality: 'Crema',
        },
      } as RequestDraft;
    };
    const scan = { meanConfidence: 88, uncertainWords: ['BNCMRA50D43D142D'] };
    expect(scanDoubts(scan, [], draft('Bianchi'))).toEqual([]);
    // Read as another surname, the code no longer vouches for itself: staff check the original.
    expect(scanDoubts(scan, [], draft('Rossi'))).toEqual(['lette con incertezza: BNCMRA50D43D142D']);
    // An uncertain budget is still a doubt.
    expect(
      scanDoubts({ meanConfidence: 88, uncertainWords: ['4.300,00'] }, [], draft('Bianchi')),
    ).toHaveLength(1);
  });
});
