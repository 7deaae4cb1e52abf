import { formatLongItalianDate, formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { romeDateOf, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { defaultCatalogue, type Catalogue } from '../../domain/catalogue/catalogue.js';
import { procedureFor } from '../../domain/catalogue/procedures.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import { serviceDefinition, type ServiceDefinition } from '../../domain/catalogue/services.js';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import { budgetEstimate } from '../../domain/rules/budget-rule.js';
import { requestDeadlines } from '../../domain/deadlines/request-deadlines.js';
import { formatEuro, formatHours } from '../../domain/money.js';
import type { TriageResult } from '../../domain/triage/triage-mail.js';
import { fieldLabel } from '../../domain/rules/field-labels.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { autoReplyHeaders, renderBlocks, type EmailContent } from '../outbox/email-content.js';

/** What the notice says of the office itself (L. 241/1990 art. 8 c. 2). */
export interface NoticeOffice {
  /**
   * What the request's number is: Sportello's own register of requests (`pratica`), unless the
   * office made it its protocol register (`protocollo`).
   */
  readonly numberLabel: 'pratica' | 'protocollo';
  /** The person responsible for the procedure, by name (lett. c); null: the role alone. */
  readonly responsibleName: string | null;
  /** Where the documents of the procedure can be seen (lett. d). */
  readonly recordsOffice: string;
}

export const defaultNoticeOffice: NoticeOffice = {
  numberLabel: 'pratica',
  responsibleName: null,
  recordsOffice:
    'Ufficio Amministrazione di Comunità Sociale Cremasca a.s.c., Via Goldaniga 11, 26013 Crema (CR), previo appuntamento',
};

/** Who the reply goes to and how it threads with the request. */
export interface ReplyAddressing {
  readonly protocol: string;
  /** The office as the notice presents it. */
  readonly office?: NoticeOffice;
  readonly to: string;
  readonly originalSubject: string;
  readonly originalMessageId: string | null;
  readonly references: readonly string[];
  readonly messageId: string;
  /** The office's signature lines. */
  readonly signature: readonly string[];
}

const kindNames = {
  activation: 'richiesta di attivazione del servizio',
  day_centre_entry: 'richiesta di ingresso in servizio diurno',
  variation: 'richiesta di variazione progettuale',
  cessation: 'comunicazione di cessazione del servizio',
} as const;

/**
 * The acknowledgement of a valid request: a start-of-procedure notice (L. 241/1990 art. 8) with the
 * protocol, the date received, the office, the person responsible, the term, the holder of
 * substitute power and the next steps with their dates.
 */
export function acknowledgementNotice(
  result: TriageResult,
  addressing: ReplyAddressing,
  catalogue: Catalogue = defaultCatalogue,
): EmailContent {
  const draft = result.draft!;
  const kind = draft.kind;
  const receivedOn = romeDateOf(result.receivedAt);
  const service =
    result.service && isServiceCode(result.service)
      ? serviceDefinition(result.service, catalogue.services)
      : null;
  const procedure = procedureFor(kind, result.service, catalogue.procedures);
  const deadlines = requestDeadlines({ kind, service: result.service, receivedOn }, catalogue);
  const due = (id: string) => deadlines.find((deadline) => deadline.id === id)?.dueDate;
  const conclusion = due('procedure_conclusion');
  const beneficiary = `${draft.beneficiary.surname ?? ''} ${draft.beneficiary.name ?? ''}`.trim();
  const serviceName = service ? `${service.code} – ${service.name}` : 'servizio indicato';
  const steps = nextSteps(draft, deadlines, service);

  const estimate = budgetEstimate(draft, { receivedOn, catalogue });
  const budget = draft.request.annualBudgetCents;
  const budgetLine =
    budget === null
      ? null
      : estimate
        ? `Budget annuale autorizzato: ${formatEuro(budget)} (costo stimato di ${formatHours(estimate.chargedHours)} ore a ${formatEuro(estimate.tariff.amountCents)} + IVA: ${formatEuro(estimate.municipalityShareCents)}${estimate.municipalitySharePercent < 100 ? `, quota del ${estimate.municipalitySharePercent}% a carico del Comune` : ''}).`
        : `Budget annuale autorizzato: ${formatEuro(budget)}.`;
  // With a co-paying Comune each bears 50% (seed l. 627-629, 1120-1124): the figure is this Comune's share.
  const sharedLine =
    [
      // Seed l. 3300-3304, 3588: half of a placed minor's SIP is paid from the district funds.
      draft.service === 'SIP' && draft.request.placedMinor
        ? 'Trattandosi di incontri protetti di un minore collocato, il 50% della spesa è sostenuto da Comunità Sociale Cremasca con i fondi distrettuali.'
        : null,
      draft.request.coPayingMunicipality
        ? `La spesa è ripartita al 50% con il Comune di ${draft.request.coPayingMunicipality}: il budget indicato è la quota a carico del Vostro Comune.`
        : null,
    ]
      .filter((line) => line !== null)
      .join(' ') || null;

  const municipality = draft.beneficiary.municipality
    ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.name ?? draft.beneficiary.municipality)
    : null;
  const office = addressing.office ?? defaultNoticeOffice;
  const role = procedure?.responsibleRole ?? "Responsabile dell'Area Amministrativa";
  const blocks: (string | string[])[] = [
    municipality ? `Spett.le Servizio Sociale del Comune di ${municipality},` : 'Spett.le Servizio Sociale,',
    `con riferimento alla Vostra ${kindNames[kind]} (${serviceName}) a favore di ${beneficiary}, pervenuta il ${formatLongItalianDate(receivedOn)} e ${registeredAs(addressing)}, ai sensi dell'art. 8 della Legge 7 agosto 1990, n. 241 si comunica l'avvio del procedimento.`,
    [
      `Oggetto del procedimento: ${procedure?.name ?? kindNames[kind]}`,
      'Amministrazione competente: Comunità Sociale Cremasca a.s.c.',
      `Ufficio competente: ${procedure?.office ?? 'Ufficio Amministrazione'}`,
      // Art. 8 c. 2 lett. c: the person responsible, by name when the office has named one.
      `Responsabile del procedimento: ${office.responsibleName ? `${office.responsibleName}, ${role}` : role}`,
      // Art. 8 c. 2 lett. d: where the documents can be seen.
      `Ufficio presso cui prendere visione degli atti: ${office.recordsOffice}`,
      `Data di ricevimento della richiesta: ${formatShortItalianDate(receivedOn)}`,
      procedure && conclusion
        ? `Termine di conclusione del procedimento: ${procedure.legalTermDays} giorni, entro il ${formatShortItalianDate(conclusion)}`
        : 'Termine di conclusione del procedimento: 30 giorni (art. 2 L. 241/1990)',
      `In caso di inerzia è possibile rivolgersi al titolare del potere sostitutivo: ${procedure?.substitutePowerHolder ?? 'Direttore Generale'} (art. 2, comma 9-bis, L. 241/1990)`,
      `Atto conclusivo: ${procedure?.finalAct ?? 'comunicazione scritta'}. Il silenzio dell'amministrazione non equivale ad accoglimento.`,
    ],
    ...(steps.length > 0 ? ['Prossimi passi:', steps] : []),
    ...(budgetLine ? [budgetLine] : []),
    ...(budgetLine && sharedLine ? [sharedLine] : []),
    `Per ogni comunicazione su questa pratica è sufficiente rispondere a questo messaggio citando il ${numberName(addressing)} ${addressing.protocol}: la risposta sarà letta dal personale dell'ufficio.`,
    ['Cordiali saluti', ...addressing.signature].join('\n'),
  ];
  return threadedReply(addressing, 'Avvio del procedimento', blocks);
}

/** What happens next and by when, as the notice lists it (disciplinare, procedure of each kind). */
function nextSteps(
  draft: RequestDraft,
  deadlines: readonly { id: string; dueDate: CalendarDate }[],
  service: ServiceDefinition | null,
): string[] {
  const due = (id: string) => deadlines.find((deadline) => deadline.id === id)?.dueDate;
  const kind = draft.kind;
  const provider = draft.request.provider;
  const steps: string[] = [];
  const contract = due('contract_to_provider');
  const back = due('contract_return');
  const faseD = due('fase_d');
  if (kind === 'activation' || kind === 'day_centre_entry') {
    if (contract)
      steps.push(
        `il contratto di avvio del servizio sarà trasmesso all'ente ${provider ?? 'prescelto'} entro il ${formatShortItalianDate(contract)};`,
      );
    if (back) {
      const days = service?.contract.providerReturnWorkingDays;
      steps.push(
        `l'ente dovrà restituirlo firmato entro il ${formatShortItalianDate(back)} (${days} giorni lavorativi dal ricevimento) e comunicare all'assistente sociale il nominativo dell'operatore;`,
      );
    }
    if (faseD) steps.push(`entro il ${formatShortItalianDate(faseD)} sarà compilata la fase D in Gecas;`);
    if (draft.request.startDate) {
      steps.push(
        `il servizio potrà avere inizio dal ${formatShortItalianDate(draft.request.startDate)}, data indicata nella richiesta, una volta completate le fasi previste dal disciplinare.`,
      );
    }
  } else if (kind === 'variation' && draft.request.effectiveDate) {
    steps.push(
      `la variazione sarà comunicata all'ente gestore e avrà decorrenza dal ${formatShortItalianDate(draft.request.effectiveDate)};`,
    );
    steps.push("l'impegno di spesa sarà aggiornato al nuovo budget annuale indicato.");
  } else if (kind === 'cessation' && draft.request.endDate) {
    steps.push(
      `l'interruzione del servizio sarà comunicata all'ente gestore con effetto dal ${formatShortItalianDate(draft.request.endDate)}.`,
    );
  }
  return steps;
}

/** The request to fix a request with problems: each problem, its field and how to fix it. */
export function integrationRequest(result: TriageResult, addressing: ReplyAddressing): EmailContent {
  const draft = result.draft!;
  const receivedOn = romeDateOf(result.receivedAt);
  const beneficiary =
    `${draft.beneficiary.surname ?? ''} ${draft.beneficiary.name ?? ''}`.trim() || 'il beneficiario indicato';
  const municipality = draft.beneficiary.municipality
    ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.name ?? draft.beneficiary.municipality)
    : null;
  const viaGecas = result.problems.find((problem) => problem.code === 'service_via_gecas');
  if (viaGecas && result.problems.length === 1) {
    return threadedReply(addressing, 'Richiesta da inserire in Gecas', [
      municipality
        ? `Spett.le Servizio Sociale del Comune di ${municipality},`
        : 'Spett.le Servizio Sociale,',
      `con riferimento alla Vostra ${kindNames[draft.kind]} a favore di ${beneficiary}, pervenuta il ${formatLongItalianDate(receivedOn)} e ${registeredAs(addressing)}, si ringrazia per la comunicazione.`,
      viaGecas.message,
      'Per ogni chiarimento è sufficiente rispondere a questo messaggio.',
      ['Cordiali saluti', ...addressing.signature].join('\n'),
    ]);
  }
  const items = result.problems.map(
    (problem, index) =>
      `${index + 1}. ${problem.field ? `${fieldLabel(problem.field)}: ` : ''}${problem.message}`,
  );
  const blocks: (string | string[])[] = [
    municipality ? `Spett.le Servizio Sociale del Comune di ${municipality},` : 'Spett.le Servizio Sociale,',
    `la Vostra ${kindNames[draft.kind]}${result.service ? ` (${result.service})` : ''} a favore di ${beneficiary}, pervenuta il ${formatLongItalianDate(receivedOn)} e ${registeredAs(addressing)}, non può ancora essere presa in carico perché presenta ${items.length === 1 ? 'il seguente punto' : `i seguenti ${items.length} punti`} da correggere o integrare:`,
    items,
    `Si prega di inviare il modulo corretto, firmato dal Responsabile di Servizio, rispondendo a questo messaggio. Il termine del procedimento decorrerà dal ricevimento della richiesta completa (art. 2, comma 7, L. 241/1990).`,
    ['Cordiali saluti', ...addressing.signature].join('\n'),
  ];
  return threadedReply(addressing, 'Richiesta di integrazione', blocks);
}

/** A reply in the thread of the request, with the protocol in the subject. */
function threadedReply(
  addressing: ReplyAddressing,
  title: string,
  blocks: (string | string[])[],
): EmailContent {
  const { text, html } = renderBlocks(blocks);
  return {
    to: addressing.to,
    subject: `${title} – ${(addressing.office ?? defaultNoticeOffice).numberLabel === 'protocollo' ? 'prot.' : 'pratica n.'} ${addressing.protocol} – ${shortSubject(addressing.originalSubject)}`,
    text,
    html,
    messageId: addressing.messageId,
    inReplyTo: addressing.originalMessageId,
    references: threadReferences(addressing),
    headers: autoReplyHeaders,
  };
}

/** The number's name: Sportello's register of requests unless the office made it its protocol. */
function numberName(addressing: ReplyAddressing): string {
  return (addressing.office ?? defaultNoticeOffice).numberLabel === 'protocollo'
    ? 'protocollo n.'
    : 'numero di pratica';
}

function registeredAs(addressing: ReplyAddressing): string {
  return `registrata con ${numberName(addressing)} ${addressing.protocol}`;
}

function shortSubject(subject: string): string {
  const cleaned = subject
    .replace(/^\s*((re|r|i|fw|fwd|rif)\s*:\s*)+/i, '')
    .replace(/[\r\n]+/g, ' ')
    .trim();
  return (cleaned || 'richiesta').slice(0, 120);
}

function threadReferences(addressing: ReplyAddressing): string[] {
  const ids = [
    ...addressing.references,
    ...(addressing.originalMessageId ? [addressing.originalMessageId] : []),
  ];
  return [...new Set(ids)].slice(-10);
}
