import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { renderBlocks, type EmailContent } from '../outbox/email-content.js';
import { noticeEmail } from '../outbox/notice-email.js';

/** The contract an e-mail is about. */
export interface ContractMailFacts {
  readonly protocol: string;
  readonly serviceLabel: string;
  readonly beneficiary: string;
  readonly municipality: string | null;
  readonly provider: string;
}

/** A document carried by an e-mail. */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Attachments of a contract: the DOCX always, the PDF copy when there is one. */
export function contractAttachments(
  protocol: string,
  docx: Uint8Array,
  pdf: Uint8Array | null,
): MailAttachment[] {
  const base = `contratto-avvio-${protocol.replace('/', '-')}`;
  return [
    { filename: `${base}.docx`, contentType: docxType, content: docx },
    ...(pdf ? [{ filename: `${base}.pdf`, contentType: 'application/pdf', content: pdf }] : []),
  ];
}

/**
 * The CONTRATTO DI AVVIO DEL SERVIZIO to the provider: a new thread whose Message-ID is kept, so
 * that the provider's answer (the signed copy, or a written refusal) is recognised.
 */
export function contractToProvider(input: {
  readonly contract: ContractMailFacts;
  readonly to: string;
  readonly messageId: string;
  readonly dueBackOn: CalendarDate | null;
  readonly attachments: readonly MailAttachment[];
  readonly signature: readonly string[];
}): EmailContent {
  const { contract } = input;
  const blocks = [
    `Spett.le ${contract.provider},`,
    `si trasmette in allegato il contratto di avvio del servizio ${contract.serviceLabel} a favore di ${contract.beneficiary}${contract.municipality ? ` (Comune di ${contract.municipality})` : ''}, pratica n. ${contract.protocol}.`,
    input.dueBackOn
      ? `Il contratto va restituito compilato e firmato entro ${formatLongItalianDate(input.dueBackOn)}, rispondendo a questo messaggio con il documento firmato in allegato (PDF, anche con firma digitale .p7m), e comunicando all'assistente sociale il nominativo dell'operatore incaricato.`
      : "Il contratto va restituito compilato e firmato tempestivamente, rispondendo a questo messaggio con il documento firmato in allegato, e comunicando all'assistente sociale il nominativo dell'operatore incaricato.",
    "Un eventuale rifiuto deve essere motivato per iscritto, rispondendo a questo stesso messaggio. Si ricorda che il rifiuto per più di cinque volte nell'anno solare comporta la cancellazione dall'Albo degli enti accreditati.",
    'Il documento contiene dati personali, anche di categorie particolari: va trattato solo per l’esecuzione del servizio.',
    ['Cordiali saluti', ...input.signature].join('\n'),
  ];
  return {
    to: input.to,
    subject: `Contratto di avvio del servizio – pratica n. ${contract.protocol}`,
    ...renderBlocks(blocks),
    messageId: input.messageId,
    inReplyTo: null,
    references: [],
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      contentBase64: Buffer.from(attachment.content).toString('base64'),
    })),
  };
}

/** A message in the thread of an earlier one (the request from the Comune, the contract to the provider). */
export interface ThreadAddressing {
  readonly to: string;
  readonly messageId: string;
  /** Message-ID of the message answered, when known. */
  readonly inReplyTo: string | null;
  readonly signature: readonly string[];
}

function inThread(
  addressing: ThreadAddressing,
  subject: string,
  blocks: (string | string[])[],
): EmailContent {
  return noticeEmail({ ...addressing, subject, paragraphs: blocks });
}

/** To the Comune: staff did not approve the contract, and why. */
export function contractNotApproved(
  contract: ContractMailFacts,
  reason: string,
  addressing: ThreadAddressing,
): EmailContent {
  return inThread(addressing, `Re: pratica n. ${contract.protocol} – contratto non approvato`, [
    contract.municipality
      ? `Spett.le Servizio Sociale del Comune di ${contract.municipality},`
      : 'Spett.le Servizio Sociale,',
    `con riferimento alla pratica n. ${contract.protocol} (${contract.serviceLabel}, ${contract.beneficiary}), si comunica che il contratto di avvio con ${contract.provider} non è stato approvato dall'Ufficio Amministrazione per il seguente motivo:`,
    reason,
    'Per proseguire è sufficiente rispondere a questo messaggio con le integrazioni richieste, citando il numero di pratica.',
  ]);
}

/** To the Comune: the provider refused in writing, another provider must be chosen. */
export function providerRefusedContract(
  contract: ContractMailFacts,
  reason: string,
  addressing: ThreadAddressing,
): EmailContent {
  return inThread(addressing, `Re: pratica n. ${contract.protocol} – rifiuto dell'ente`, [
    contract.municipality
      ? `Spett.le Servizio Sociale del Comune di ${contract.municipality},`
      : 'Spett.le Servizio Sociale,',
    `con riferimento alla pratica n. ${contract.protocol} (${contract.serviceLabel}, ${contract.beneficiary}), si comunica che ${contract.provider} ha rifiutato l'incarico con la seguente motivazione:`,
    reason,
    'Si prega di indicare un altro ente accreditato rispondendo a questo messaggio: il contratto sarà predisposto e trasmesso al nuovo ente nei termini del disciplinare.',
  ]);
}

/** To the provider, in the contract's thread: the signed copy is late. */
export function contractOverdueReminder(
  contract: ContractMailFacts,
  dueBackOn: CalendarDate,
  addressing: ThreadAddressing,
): EmailContent {
  return inThread(
    addressing,
    `Sollecito: contratto di avvio del servizio – pratica n. ${contract.protocol}`,
    [
      `Spett.le ${contract.provider},`,
      `il contratto di avvio del servizio ${contract.serviceLabel} per la pratica n. ${contract.protocol}, trasmesso con il messaggio a cui questo risponde, doveva essere restituito firmato entro ${formatLongItalianDate(dueBackOn)}.`,
      'Si prega di inviarlo al più presto rispondendo a questo messaggio con il documento firmato in allegato, oppure di motivare per iscritto un eventuale rifiuto.',
    ],
  );
}
