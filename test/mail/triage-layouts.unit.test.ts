import { describe, expect, it } from 'vitest';
import { activationLines, composeEml, docxWith, pdfWithLines } from '../support/compose-mail.js';
import { triageRaw } from '../support/triage-file.js';

const headers = {
  from: 'servizi.sociali@comune.crema.cr.it',
  to: 'amministrazione@comunitasocialecremasca.it',
  subject: 'Richiesta attivazione',
  date: new Date('2027-02-10T08:15:00Z'),
  messageId: '<layout@comune.crema.cr.it>',
};
const body = async (text: string, extra: Record<string, unknown> = {}) =>
  triageRaw(await composeEml({ ...headers, text, ...extra }));
const form = (overrides: Record<string, string> = {}) => activationLines(overrides).join('\n');

describe('triage reads the forms whatever their layout', () => {
  it('answers a ticked day unit that is none of the nine as unknown, naming the nine', async () => {
    const entry = [
      'RICHIESTA DI INGRESSO IN SERVIZIO DIURNO',
      'DATI ANAGRAFICI BENEFICIARIO:',
      'COGNOME  Sala',
      'NOME  Andrea',
      'DATA DI NASCITA  05/11/1994',
      'CODICE FISCALE  SLANDR94S05C153V',
      'COMUNE DI RESIDENZA  Castelleone',
      'UDO PRESSO CUI È RICHIESTO L’INSERIMENTO (barrare l’opzione prescelta):',
      '☐ CDD IL SOLE - CREMA',
      '☒ CSE ARCOBALENO - LODI',
      'DATA DI AVVIO FREQUENZA 01/02/2027',
      'TIPO DI FREQUENZA PREVISTA tempo pieno',
      'BUDGET ANNUALE PREVISTO € 5.500,00',
    ].join('\n');
    const { json } = await body(entry);
    const unit = json.problems.filter((problem) => problem.field === 'request.dayUnit');
    expect(unit.map((problem) => problem.code)).toEqual(['unknown_day_unit']);
    expect(unit[0]!.message).toContain('ARCOBALENO');
    expect(unit[0]!.message).toContain('CDD Il Sole');
  });

  it('reports an empty BUDGET line as missing, not the instruction on the next line as an invalid value', async () => {
    // As a PDF wraps it: the note under the budget runs over two lines, the second without "(".
    const text = form({ budget: '' }).replace(' ed è autorizzatorio', '\ned è autorizzatorio');
    const { json } = await body(text);
    expect(json.action).toBe('request_integration');
    const budget = json.problems.filter((problem) => problem.field === 'request.annualBudget');
    expect(budget.map((problem) => problem.code)).toEqual(['missing_field']);
  });

  it('reads an HTML table with checkbox inputs, written dates, "4300 euro" and "200 ore"', async () => {
    const row = (label: string, value: string) => `<tr><td><b>${label}</b></td><td>${value}</td></tr>`;
    const html = `<html><body><p>Buongiorno,</p><h3>RICHIESTA DI ATTIVAZIONE SERVIZIO ACCREDITATO</h3><table>
      ${row('COGNOME', 'Bianchi')}${row('NOME', 'Maria')}${row('DATA DI NASCITA', '3 aprile 1950')}
      ${row('CODICE FISCALE', 'BNCMRA50D43D142D')}${row('COMUNE DI RESIDENZA', 'Crema (CR)')}</table>
      <p>TIPO DI SERVIZIO:</p><p><input type="checkbox" checked> SERVIZIO DI ASSISTENZA DOMICILIARE ANZIANI E DISABILI (SAD &ndash; SADH)</p>
      <p><input type="checkbox"> SERVIZIO INCONTRI PROTETTI (SIP)</p><table>
      ${row('DATA DI AVVIO SERVIZIO', '1&deg; marzo 2027')}${row('DATA TERMINE SERVIZIO', '31 dicembre 2027')}
      ${row('MONTE ORE ANNUALE', '200 ore')}${row('ENTE ACCREDITATO PRESCELTO', 'Coop. Sociale Il Girasole')}
      ${row('BUDGET ANNUALE PREVISTO', '4300 euro')}${row('ASSISTENTE SOCIALE DI RIFERIMENTO', 'Dott.ssa Anna Bianchi')}</table></body></html>`;
    const { json } = await triageRaw(await composeEml({ ...headers, html }));
    expect(json).toMatchObject({ kind: 'activation', service: 'SAD', action: 'acknowledge', problems: [] });
    expect(json.request).toMatchObject({
      startDate: '2027-03-01',
      endDate: '2027-12-31',
      annualHours: 200,
      annualBudget: 4300,
    });
    expect(json.beneficiary).toMatchObject({ birthDate: '1950-04-03', municipality: 'Crema' });
  });

  it('reads lower-case labels with the value on the next line, [X] ticks and short dates', async () => {
    const text = form({
      sad: '[ ]',
      sip: '[X]',
      avvio: '26.4.27',
      termine: '31-12-2027',
      ore: '60',
      budget: '€1.500',
    })
      .replace(
        /^([A-Z ]+?) {2}(.+)$/gm,
        (_m, label: string, value: string) => `${label.toLowerCase()}\n${value}`,
      )
      .replace('Bianchi', 'Greco')
      .replace('Maria', 'Sara')
      .replace('03/04/1950', '20/02/2016')
      .replace('BNCMRA50D43D142D', 'GRCSRA16B60D142K');
    const { json } = await body(text);
    expect(json).toMatchObject({ kind: 'activation', service: 'SIP', action: 'acknowledge' });
    expect(json.request).toMatchObject({ startDate: '2027-04-26', annualHours: 60, annualBudget: 1500 });
  });

  it('takes the only option left on the form when the others were deleted', async () => {
    const text = form()
      .split('\n')
      .filter((line) => !/SERVIZIO DI ASSISTENZA|INCONTRI PROTETTI/.test(line) || line.includes('AUTONOMIA'))
      .map((line) => line.replace(/^☐ /, ''))
      .map((line) =>
        line.includes('EDUCATORE PROFESSIONALE')
          ? line
          : /EDUCATORE \(D1\)|ASA\/OSS|SECONDARIA II° GRADO$/.test(line)
            ? ''
            : line,
      )
      .join('\n')
      .replace('200', '100')
      .replace('€ 4.300,00', '€ 2.300,00');
    const { json } = await body(text);
    expect(json).toMatchObject({ service: 'SAAP', action: 'acknowledge' });
    expect(json.request).toMatchObject({ operatorProfile: 'D2', upperSecondary: false });
  });

  it('splits "COGNOME E NOME" with the codice fiscale, even with a double surname', async () => {
    const text = form({ cf: 'DLLRSS50D43D142Z' })
      .replace('COGNOME  Bianchi\nNOME  Maria', 'COGNOME E NOME: DELLA ROSSA MARIA')
      .replace('DLLRSS50D43D142Z', 'DLLMRA50D43D142X');
    const { json } = await body(text);
    expect(json.beneficiary).toMatchObject({ surname: 'DELLA ROSSA', name: 'MARIA' });
  });

  it('recognises SADH when written and ADEA for an adult', async () => {
    const sadh = await body(form({ sad: '☒ SADH –' }));
    expect(sadh.json.service).toBe('SADH');
    const adea = await body(
      form({
        sad: '☐',
        adm: '☒',
        cognome: 'Ferri',
        nome: 'Luca',
        nascita: '12/06/2015',
        cf: 'FRRLCU15H12G004O',
        compartecipa: 'Romanengo',
        ore: '150',
        budget: '€ 1.800,00',
        avvio: '15/03/2027',
      }),
    );
    expect(adea.json.service).toBe('ADM');
    const adult = await body(form({ sad: '☐', adm: '☒', nascita: '03/04/1950', budget: '€ 9.000,00' }));
    expect(adult.json.service).toBe('ADEA');
  });

  it('reads a Word attachment laid out as a table', async () => {
    const docx = docxWith(
      ['RICHIESTA DI ATTIVAZIONE SERVIZIO ACCREDITATO', 'DATI ANAGRAFICI BENEFICIARIO:'],
      [
        ['COGNOME', 'Rizzi'],
        ['NOME', 'Carla'],
        ['DATA DI NASCITA', '01/12/1938'],
        ['CODICE FISCALE', 'RZZCRL38T41I827A'],
        ['COMUNE DI RESIDENZA', 'Soncino'],
        ['TIPO DI SERVIZIO', 'SAD'],
        ['DATA DI AVVIO SERVIZIO', '01/04/2027'],
        ['MONTE ORE ANNUALE', '120'],
        ['ENTE ACCREDITATO PRESCELTO', 'Coop. Sociale Il Girasole'],
        ['BUDGET ANNUALE PREVISTO', '€ 2.600,00'],
      ],
    );
    const { json } = await body('In allegato.', {
      attachments: [{ filename: 'richiesta.docx', content: Buffer.from(docx) }],
    });
    expect(json).toMatchObject({ kind: 'activation', service: 'SAD', action: 'acknowledge' });
    expect(json.beneficiary).toMatchObject({ surname: 'Rizzi', taxCode: 'RZZCRL38T41I827A' });
  });

  it('reads a PDF attachment and a forwarded message', async () => {
    const pdf = await pdfWithLines(activationLines({ sad: '[X]' }));
    const forwarded = await composeEml({
      ...headers,
      subject: 'Richiesta attivazione SAD',
      text: 'Si trasmette.',
      attachments: [{ filename: 'richiesta.pdf', content: Buffer.from(pdf) }],
    });
    const { json } = await body('Inoltro la richiesta ricevuta.\n', {
      subject: 'I: Richiesta attivazione SAD',
      attachments: [{ filename: 'originale.eml', content: forwarded, contentType: 'message/rfc822' }],
    });
    expect(json).toMatchObject({ kind: 'activation', service: 'SAD', action: 'acknowledge' });
    const inline = await body(
      `---------- Messaggio inoltrato ----------\nDa: servizi.sociali@comune.crema.cr.it\nOggetto: richiesta\n\n${form()}`,
    );
    expect(inline.json).toMatchObject({ kind: 'activation', action: 'acknowledge' });
  });

  it('reads a day-centre entry with vertical part time and a cessation notice', async () => {
    const entry = await body(
      [
        'RICHIESTA DI INGRESSO IN SERVIZIO DIURNO',
        'COGNOME Sala',
        'NOME Andrea',
        'DATA DI NASCITA 05/11/1994',
        'CODICE FISCALE SLANDR94S05C153V',
        'COMUNE DI RESIDENZA Castelleone',
        'UDO PRESSO CUI È RICHIESTO L’INSERIMENTO (barrare l’opzione prescelta):',
        '☐ CDD IL SOLE - CREMA',
        '☒ SFA KALIMERO (COOP. KOALA) – CREMA',
        'DATA DI AVVIO FREQUENZA 01/02/2027',
        'TIPO DI FREQUENZA PREVISTA part time verticale (lunedì, mercoledì e venerdì)',
        'BUDGET ANNUALE PREVISTO € 3.000,00',
      ].join('\n'),
      { date: new Date('2027-01-20T08:00:00Z') },
    );
    expect(entry.json).toMatchObject({ kind: 'day_centre_entry', service: 'SFA', action: 'acknowledge' });
    expect(entry.result.draft?.request.attendance).toMatchObject({
      type: 'part_time_vertical',
      weekdays: [1, 3, 5],
    });

    const cessation = await body(
      [
        'MODULO DI CESSAZIONE',
        'COGNOME Bianchi',
        'NOME Maria',
        'DATA DI NASCITA 03/04/1950',
        'CODICE FISCALE BNCMRA50D43D142D',
        'COMUNE DI RESIDENZA Crema',
        'TIPO DI SERVIZIO: SAD',
        'DATA DI CESSAZIONE 28/02/2027',
        'MOTIVO: ricovero permanente in struttura',
      ].join('\n'),
    );
    expect(cessation.json).toMatchObject({ kind: 'cessation', service: 'SAD', action: 'acknowledge' });
    expect(cessation.result.draft?.request).toMatchObject({
      endDate: '2027-02-28',
      reason: 'ricovero permanente in struttura',
    });
  });

  it('asks for what is missing or unreadable', async () => {
    const { json } = await body(form({ cf: '', avvio: '31/02/2027' }));
    expect(json.action).toBe('request_integration');
    expect(json.problems.map((p) => `${p.code}:${p.field}`)).toEqual([
      'invalid_value:request.startDate',
      'missing_field:beneficiary.taxCode',
    ]);
  });
});

describe('triage of replies and automatic mail', () => {
  it('forwards a reply without a form to staff, and processes a reply that carries a corrected form', async () => {
    const reply = await body('Grazie, confermiamo.', {
      subject: 'Re: Comunicazione avvio procedimento prot. 2027/0000001',
      inReplyTo: '<ack@sportello>',
    });
    expect(reply.json).toMatchObject({ kind: 'reply', action: 'forward_to_staff' });
    const corrected = await body(form(), {
      subject: 'Re: Richiesta di integrazione',
      inReplyTo: '<int@sportello>',
    });
    expect(corrected.json).toMatchObject({ kind: 'activation', action: 'acknowledge' });
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-generated' }],
    [{ 'X-Auto-Response-Suppress': 'All' }],
    [{ Precedence: 'bulk' }],
    [{ 'List-Id': '<notizie.comune.example>' }],
    [{ 'List-Unsubscribe': '<mailto:leave@list.example>' }],
    [{ 'Return-Path': '<>' }],
  ])('never answers automatic mail %j', async (extra) => {
    const { json } = await body(form(), { headers: extra });
    expect(json).toMatchObject({ kind: 'automatic', action: 'ignore' });
  });

  it('never answers a bounce, a mailer daemon or its own address; answers Auto-Submitted: no', async () => {
    const bounce = await triageRaw(
      Buffer.from(
        'From: MAILER-DAEMON@mx.example\r\nTo: amministrazione@comunitasocialecremasca.it\r\nSubject: Undelivered Mail\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n',
      ),
    );
    expect(bounce.json.action).toBe('ignore');
    const own = await body(form(), { from: 'amministrazione@comunitasocialecremasca.it' });
    expect(own.json.action).toBe('ignore');
    const human = await body(form(), { headers: { 'Auto-Submitted': 'no' } });
    expect(human.json.action).toBe('acknowledge');
  });

  it('ignores PEC receipts of any kind', async () => {
    const { json } = await body('Ricevuta di avvenuta consegna', {
      subject: 'CONSEGNA: Comunicazione avvio procedimento',
      headers: { 'X-Ricevuta': 'avvenuta-consegna' },
    });
    expect(json).toMatchObject({ kind: 'pec_receipt', action: 'ignore' });
  });
});
