import { demoDomainName } from '../../prisma/seed/demo-counterparts.js';
import { signedPecEnvelope } from './pec-signing.js';
import { activationLines, composeEml, docxWith, pdfWithLines } from './compose-mail.js';

/** A message the tests build, and the part of triage's JSON it must give (names compared folded). */
export interface RequestMail {
  readonly name: string;
  readonly raw: Buffer;
  readonly expected: Readonly<Record<string, unknown>>;
}

const office = 'amministrazione@comunitasocialecremasca.it';
const crema = 'servizi.sociali@comune.crema.cr.it';

const serviceLines = (ticked: 'SAD' | 'ADM' | 'SIP' | 'SAAP', extra: string[] = []) => [
  'TIPO DI SERVIZIO: (barrare l’opzione prescelta)',
  `${ticked === 'SAD' ? '☒' : '☐'} SERVIZIO DI ASSISTENZA DOMICILIARE ANZIANI E DISABILI (SAD – SADH)`,
  `${ticked === 'ADM' ? '☒' : '☐'} SERVIZIO DI ASSISTENZA EDUCATIVA DOMICILIARE PER MINORI E ADULTI (ADM – ADEA)`,
  `${ticked === 'SIP' ? '☒' : '☐'} SERVIZIO INCONTRI PROTETTI (SIP)`,
  `${ticked === 'SAAP' ? '☒' : '☐'} SERVIZIO DI ASSISTENZA PER L’AUTONOMIA PERSONALE DEGLI ALUNNI DISABILI (SAAP)`,
  ...extra,
];

/** The RICHIESTA DI VARIAZIONE PROGETTUALE as a Comune fills it. */
function variationLines(person: Person, service: 'SAD' | 'ADM', effective: string, budget: string): string[] {
  return [
    'RICHIESTA DI VARIAZIONE PROGETTUALE',
    'Con la presente si richiede la variazione del servizio attivato a favore di:',
    ...personLines(person),
    ...serviceLines(service, [
      '☐ SERVIZO CSE-CDD-SFA',
      '☐ CENTRO DIURNO MINORI',
      '☐ VOUCHER FNA',
      '☐ SOSTEGNI QSFP',
    ]),
    `DATA DI DECORRENZA VARIAZIONE PROGETTUALE  ${effective}`,
    '(Dovrà essere garantito un preavviso di almeno 15 giorni)',
    'VARIAZIONE RICHIESTA  Monte ore annuale aumentato',
    `NUOVO BUDGET ANNUALE ASSEGNATO  ${budget}`,
    'ASSISTENTE SOCIALE DI RIFERIMENTO:  Dott.ssa Anna Bianchi',
    'FIRMA DEL RESPONSABILE DI SERVIZIO',
  ];
}

interface Person {
  readonly surname: string;
  readonly name: string;
  readonly birth: string;
  readonly taxCode: string;
  readonly municipality: string;
}

const personLines = (person: Person) => [
  'DATI ANAGRAFICI BENEFICIARIO:',
  `COGNOME  ${person.surname}`,
  `NOME  ${person.name}`,
  `DATA DI NASCITA  ${person.birth}`,
  `CODICE FISCALE  ${person.taxCode}`,
  `COMUNE DI RESIDENZA  ${person.municipality}`,
];

const people = {
  bianchi: {
    surname: 'Bianchi',
    name: 'Maria',
    birth: '03/04/1950',
    taxCode: 'BNCMRA50D43D142D',
    municipality: 'Crema',
  },
  ferri: {
    surname: 'Ferri',
    name: 'Luca',
    birth: '12/06/2015',
    taxCode: 'FRRLCU15H12G004O',
    municipality: 'Offanengo',
  },
  conti: {
    surname: 'Conti',
    name: 'Giulia',
    birth: '30/09/2011',
    taxCode: 'CNTGLI11P70D142W',
    municipality: 'Pandino',
  },
  sala: {
    surname: 'Sala',
    name: 'Andrea',
    birth: '05/11/1994',
    taxCode: 'SLANDR94S05C153V',
    municipality: 'Castelleone',
  },
  greco: {
    surname: 'Greco',
    name: 'Sara',
    birth: '20/02/2016',
    taxCode: 'GRCSRA16B60D142A',
    municipality: 'Crema',
  },
  lodi: {
    surname: 'Lodi',
    name: 'Pietro',
    birth: '22/07/1941',
    taxCode: 'LDOPTR41L22H357R',
    municipality: "Rivolta d'Adda",
  },
  rizzi: {
    surname: 'Rizzi',
    name: 'Carla',
    birth: '01/12/1938',
    taxCode: 'RZZCRL38T41I827A',
    municipality: 'Soncino',
  },
} satisfies Record<string, Person>;

const activationOf = (person: Person, overrides: Record<string, string>) =>
  activationLines({
    cognome: person.surname,
    nome: person.name,
    nascita: person.birth,
    cf: person.taxCode,
    comune: person.municipality,
    ...overrides,
  });

const ticks = (service: 'SAD' | 'ADM' | 'SIP' | 'SAAP') => ({
  sad: service === 'SAD' ? '☒' : '☐',
  adm: service === 'ADM' ? '☒' : '☐',
  sip: service === 'SIP' ? '☒' : '☐',
  saap: service === 'SAAP' ? '☒' : '☐',
});

const beneficiary = (person: Person) => ({
  taxCode: person.taxCode,
  municipality: person.municipality,
  surname: person.surname,
  name: person.name,
});

/** The social services office of the beneficiary's Comune, as the demo registry knows it. */
const officeOf = (person: Person) => `servizi.sociali@comune.${demoDomainName(person.municipality)}.cr.it`;

const mail = (id: string, subject: string, date: string, extra: Record<string, unknown> = {}) => ({
  from: crema,
  to: office,
  subject,
  messageId: `<${id}@comune.example.it>`,
  date: new Date(date),
  ...extra,
});

/**
 * The requests of a working week, one of each shape the office meets: forms in the body, in a PDF
 * or a Word attachment, variations on time and late, a day-centre entry, a wrong codice fiscale, a
 * budget too small, an out-of-office reply, a PEC envelope and its receipt, a citizen's question.
 */
export async function requestMails(): Promise<RequestMail[]> {
  const attach = (filename: string, content: Uint8Array, contentType: string) => ({
    filename,
    content: Buffer.from(content),
    contentType,
  });
  const pdf = async (lines: string[]) =>
    attach('richiesta.pdf', await pdfWithLines(lines), 'application/pdf');
  const docx = (lines: string[]) =>
    attach(
      'richiesta.docx',
      docxWith(lines),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  const text = 'Buongiorno, si trasmette la richiesta in allegato.';
  const entries: [string, Record<string, unknown> | Buffer, Record<string, unknown>][] = [
    [
      'activation-sad-body',
      mail('r01', 'Richiesta attivazione SAD - Bianchi Maria', '2027-02-10T08:15:00Z', {
        text: ['Buongiorno, si trasmette la richiesta di attivazione.', '', ...activationLines()].join('\n'),
      }),
      {
        kind: 'activation',
        action: 'acknowledge',
        service: 'SAD',
        problems: [],
        beneficiary: beneficiary(people.bianchi),
        request: { startDate: '2027-03-01', annualHours: 200, annualBudget: 4300 },
      },
    ],
    [
      'activation-adm-pdf',
      mail('r02', 'Richiesta ADM Ferri', '2027-02-15T09:00:00Z', {
        from: 'servizi.sociali@comune.offanengo.cr.it',
        text,
        attachments: [
          await pdf(
            activationOf(people.ferri, {
              ...ticks('ADM'),
              avvio: '15/03/2027',
              ore: '150',
              budget: '€ 1.800,00',
              ente: 'Coop. Sociale Il Girasole',
              compartecipa: 'Romanengo',
            }),
          ),
        ],
      }),
      {
        kind: 'activation',
        action: 'acknowledge',
        service: 'ADM',
        problems: [],
        beneficiary: beneficiary(people.ferri),
        request: { startDate: '2027-03-15', annualHours: 150, annualBudget: 1800 },
      },
    ],
    [
      'activation-saap-docx-no-profile',
      mail('r03', 'Richiesta SAAP Conti', '2027-06-01T09:00:00Z', {
        from: officeOf(people.conti),
        text,
        attachments: [
          docx(
            activationOf(people.conti, {
              ...ticks('SAAP'),
              avvio: '13/09/2027',
              termine: '08/06/2028',
              ore: '300',
              budget: '€ 7.000,00',
            }),
          ),
        ],
      }),
      {
        kind: 'activation',
        action: 'request_integration',
        service: 'SAAP',
        problems: [{ code: 'operator_profile_missing' }],
        beneficiary: beneficiary(people.conti),
        request: { startDate: '2027-09-13', annualHours: 300, annualBudget: 7000 },
      },
    ],
    [
      'variation-sad-ok',
      mail('r04', 'Variazione SAD Bianchi', '2027-03-01T09:00:00Z', {
        text: variationLines(people.bianchi, 'SAD', '22/03/2027', '€ 5.600,00').join('\n'),
      }),
      {
        kind: 'variation',
        action: 'acknowledge',
        service: 'SAD',
        problems: [],
        beneficiary: beneficiary(people.bianchi),
        request: { effectiveDate: '2027-03-22', annualBudget: 5600 },
      },
    ],
    [
      'variation-adm-late',
      mail('r05', 'Variazione ADM Ferri', '2027-05-10T12:20:00Z', {
        from: officeOf(people.ferri),
        text: variationLines(people.ferri, 'ADM', '17/05/2027', '€ 1.200,00').join('\n'),
      }),
      {
        kind: 'variation',
        action: 'request_integration',
        service: 'ADM',
        problems: [{ code: 'notice_too_short' }],
        beneficiary: beneficiary(people.ferri),
        request: { effectiveDate: '2027-05-17', annualBudget: 1200 },
      },
    ],
    [
      'day-centre-cse',
      mail('r06', 'Inserimento CSE Sala', '2027-01-14T09:00:00Z', {
        from: officeOf(people.sala),
        text,
        attachments: [
          await pdf([
            'RICHIESTA DI INGRESSO IN SERVIZIO DIURNO',
            ...personLines(people.sala),
            'UDO PRESSO CUI È RICHIESTO L’INSERIMENTO (barrare l’opzione prescelta):',
            '☐ CDD IL SOLE - CREMA',
            '☒ CSE IL SEME - CASTELLEONE',
            '☐ SFA KALIMERO (COOP. KOALA) - CREMA',
            'DATA DI AVVIO FREQUENZA 01/02/2027',
            'TIPO DI FREQUENZA PREVISTA tempo pieno',
            'BUDGET ANNUALE PREVISTO € 5.500,00',
          ]),
        ],
      }),
      {
        kind: 'day_centre_entry',
        action: 'acknowledge',
        service: 'CSE',
        problems: [],
        beneficiary: beneficiary(people.sala),
        request: { startDate: '2027-02-01', annualBudget: 5500 },
      },
    ],
    [
      'activation-sip-bad-tax-code',
      mail('r07', 'Richiesta SIP Greco', '2027-04-01T09:00:00Z', {
        text: activationOf(people.greco, {
          ...ticks('SIP'),
          avvio: '26/04/2027',
          ore: '60',
          budget: '€ 1.500,00',
        }).join('\n'),
      }),
      {
        kind: 'activation',
        action: 'request_integration',
        service: 'SIP',
        problems: [{ code: 'invalid_tax_code', field: 'beneficiary.taxCode' }],
        beneficiary: beneficiary(people.greco),
      },
    ],
    [
      'activation-sad-budget-short',
      mail('r08', 'Richiesta SAD Lodi', '2027-02-15T09:00:00Z', {
        from: officeOf(people.lodi),
        text,
        attachments: [
          docx(activationOf(people.lodi, { avvio: '08/03/2027', ore: '300', budget: '€ 5.000,00' })),
        ],
      }),
      {
        kind: 'activation',
        action: 'request_integration',
        service: 'SAD',
        problems: [{ code: 'budget_insufficient', field: 'request.annualBudget' }],
        beneficiary: beneficiary(people.lodi),
      },
    ],
    [
      'out-of-office',
      mail('r09', 'Risposta automatica: Comunicazione avvio procedimento', '2027-02-11T06:00:00Z', {
        from: 'anna.bianchi@comune.crema.cr.it',
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: "Sono assente dall'ufficio fino al 20 febbraio.",
      }),
      { kind: 'automatic', action: 'ignore' },
    ],
    [
      'pec-activation-sad',
      await signedPecEnvelope(
        mail('r10', 'Richiesta attivazione SAD Rizzi Carla', '2027-03-03T11:00:00Z', {
          from: 'protocollo@pec.comune.soncino.cr.it',
          text: 'Si trasmette richiesta di attivazione.',
          attachments: [
            await pdf(activationOf(people.rizzi, { avvio: '01/04/2027', ore: '120', budget: '€ 2.600,00' })),
          ],
        }),
        { office },
      ),
      {
        kind: 'activation',
        action: 'acknowledge',
        service: 'SAD',
        problems: [],
        beneficiary: beneficiary(people.rizzi),
        request: { startDate: '2027-04-01', annualHours: 120, annualBudget: 2600 },
      },
    ],
    [
      'pec-receipt',
      mail(
        'r11',
        'ACCETTAZIONE: Comunicazione avvio procedimento prot. 2027/0000123',
        '2027-03-03T11:00:06Z',
        {
          from: 'posta-certificata@pec.aruba.it',
          headers: { 'X-Ricevuta': 'accettazione' },
          text: 'Ricevuta di accettazione',
        },
      ),
      { kind: 'pec_receipt', action: 'ignore' },
    ],
    [
      'question',
      mail('r12', 'Informazioni orari sportello', '2027-02-12T14:40:00Z', {
        from: 'mario.neri@gmail.com',
        text: 'Buongiorno,\nvorrei sapere in quali giorni è aperto lo sportello per le famiglie.\nGrazie\nMario Neri',
      }),
      { kind: 'other', action: 'forward_to_staff' },
    ],
  ];
  return Promise.all(
    entries.map(async ([name, options, expected]) => ({
      name,
      raw: Buffer.isBuffer(options) ? options : await composeEml(options),
      expected,
    })),
  );
}
