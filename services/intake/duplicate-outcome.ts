import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage } from '../outbox/outbox-message.js';
import type { IntakeFacts, ReplyOptions } from './intake-facts.js';
import type { IntakeDecision, RunningProject } from './intake-store.js';
import { forwarded } from './staff-forward.js';

/** A running project of the same beneficiary and service whose period a new activation overlaps. */
/**
 * Seed l. 163 against l. 339-373: one project per beneficiary and service for a period; a project
 * goes on into the next year through the forecast, not through a new activation. An activation for
 * a beneficiary whose project of that service is running over the same period (the same form sent
 * by PEC and by e-mail, or a renewal sent as a new request) opens nothing: the Comune is told which
 * request it already is and what to send instead, staff get it with the link.
 */
export function duplicateOutcome(
  facts: IntakeFacts,
  running: RunningProject,
  options: ReplyOptions,
): IntakeDecision {
  const { inboundId, read, sender } = facts;
  const { mail } = read.parsed;
  const draft = read.result.draft!;
  const receivedOn = romeDateOf(read.result.receivedAt);
  const service = serviceLabel(running.service);
  const period = `dal ${formatLongItalianDate(running.startDate)}${running.endDate ? ` al ${formatLongItalianDate(running.endDate)}` : ''}`;
  const request = running.protocol ? `la pratica n. ${running.protocol}` : 'un progetto già registrato';
  const email = noticeEmail({
    to: sender.registeredReplyTo ?? sender.address!,
    subject: running.protocol
      ? `Richiesta già registrata – pratica n. ${running.protocol}`
      : 'Richiesta già registrata',
    paragraphs: [
      `Gentili colleghi, la richiesta pervenuta il ${formatLongItalianDate(receivedOn)} per il servizio ${service} a favore del beneficiario con codice fiscale ${draft.beneficiary.taxCode} riguarda un progetto già in corso (${request}, ${period}).`,
      'Non è stato avviato un nuovo procedimento e non riceverete un secondo avviso: resta valido quello già inviato.',
      'Per modificare il monte ore, il budget o la data di termine del progetto si prega di inviare il modulo di VARIAZIONE PROGETTUALE; per proseguire il progetto nell’anno successivo vale la previsione di spesa dei progetti in continuità.',
    ],
    messageId: `<duplicate.${inboundId}@${options.messageIdDomain}>`,
    inReplyTo: mail.messageId,
    signature: options.signature,
  });
  const staff = forwarded(
    inboundId,
    read,
    'duplicate_request',
    `Stesso beneficiario e stesso servizio di ${request} (${service}, ${period}): non è stata aperta una nuova pratica. Il Comune è stato avvisato; se si tratta di una richiesta diversa, trattarla a mano.`,
  );
  return { ...staff, messages: [emailMessage(`duplicate-reply:${inboundId}`, email), ...staff.messages] };
}
