import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { cumulativeContractTerms, type SpendingForecast } from '../../domain/forecasts/spending-forecast.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage } from '../outbox/outbox-message.js';
import type { IntakeFacts, ReplyOptions } from './intake-decision.js';
import type { IntakeDecision } from './intake-store.js';
import { notARegisteredMunicipality } from './sender-refusal.js';
import { forwarded, staffNotice } from './staff-forward.js';

/** A running project of a beneficiary a forecast lists (a project «in continuità»). */
export interface ContinuingProject {
  readonly taxCode: string;
  readonly service: string;
}

/**
 * A Comune's spending forecast: acknowledged to the Comune with what happens next, and handed to
 * staff with the projects it continues, for the cumulative contracts (seed l. 343-371, 1811-1851).
 * It is not a request: it gets no number of Sportello's register.
 */
export function forecastOutcome(
  facts: IntakeFacts,
  forecast: SpendingForecast,
  continuing: readonly ContinuingProject[],
  options: ReplyOptions,
): IntakeDecision {
  const { inboundId, read, sender } = facts;
  const refusal = notARegisteredMunicipality(facts);
  if (refusal) return forwarded(inboundId, read, refusal.reason, refusal.note);
  const { mail } = read.parsed;
  const receivedOn = romeDateOf(read.result.receivedAt);
  const terms = cumulativeContractTerms(forecast.service, receivedOn);
  const dueOn = terms ? formatLongItalianDate(terms.dueOn) : null;
  const service = forecast.service ? ` del servizio ${serviceLabel(forecast.service)}` : '';
  const running = new Set(
    continuing
      .filter((project) => !forecast.service || project.service === forecast.service)
      .map((project) => project.taxCode),
  );
  const matched = forecast.taxCodes.filter((taxCode) => running.has(taxCode)).length;
  const others = forecast.taxCodes.length - matched;
  const counted =
    forecast.taxCodes.length === 0
      ? 'Non abbiamo trovato nel messaggio codici fiscali validi dei beneficiari: l’ufficio verificherà il prospetto di dettaglio.'
      : `Il prospetto indica ${forecast.taxCodes.length} beneficiari: ${matched} con un progetto in corso (progetti in continuità) e ${others} senza un progetto in corso presso l’Azienda, che l’ufficio verificherà.`;
  const email = noticeEmail({
    to: sender.registeredReplyTo ?? sender.address!,
    subject: `Previsione di spesa ricevuta${service}`,
    paragraphs: [
      `Gentili colleghi, confermiamo di aver ricevuto il ${formatLongItalianDate(receivedOn)} la previsione di spesa${service}.`,
      counted,
      terms
        ? `Comunità Sociale Cremasca trasmetterà agli enti accreditati il contratto cumulativo di avvio del servizio entro il ${dueOn}; gli enti lo restituiscono firmato entro ${terms.returnWorkingDays} giorni lavorativi dal ricevimento.`
        : 'L’ufficio vi comunicherà i passi successivi.',
    ],
    messageId: `<forecast.${inboundId}@${options.messageIdDomain}>`,
    inReplyTo: mail.messageId,
    signature: options.signature,
  });
  return {
    state: 'forwarded',
    kind: 'forecast',
    messages: [
      emailMessage(`forecast-ack:${inboundId}`, email),
      staffNotice(inboundId, {
        type: 'message_for_staff',
        inboundId,
        reason: 'forecast',
        from: mail.from,
        subject: mail.subject,
        note: `È una previsione di spesa${service}: ${forecast.taxCodes.length} beneficiari, ${matched} con un progetto in corso. ${dueOn ? `Contratti cumulativi da trasmettere agli enti entro il ${dueOn}. ` : ''}Il Comune ha ricevuto conferma.`,
      }),
    ],
  };
}
