import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { cumulativeContractTerms, type SpendingForecast } from '../../domain/forecasts/spending-forecast.js';
import {
  planForecastContinuation,
  type ContinuingProject,
} from '../../domain/forecasts/cumulative-contracts.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage, staffRecipient, teamsMessage } from '../outbox/outbox-message.js';
import { cumulativeContractReminders } from '../forecasts/cumulative-contract-steps.js';
import type { IntakeFacts, ReplyOptions } from './intake-facts.js';
import type { IntakeDecision } from './intake-store.js';
import { notARegisteredMunicipality } from './sender-refusal.js';
import { forwardNotice, forwardRecord, forwarded } from './staff-forward.js';
import { forecastRecord, forecastRemarks } from '../forecasts/forecast-intake.js';

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
  const municipalityId = sender.counterpart?.kind === 'municipality' ? sender.counterpart.municipalityId : '';
  const continuation = planForecastContinuation(forecast, municipalityId, continuing, receivedOn);
  const matched = continuation.matched.length;
  const others = forecast.taxCodes.length - matched;
  const counted =
    forecast.taxCodes.length === 0
      ? 'Non abbiamo trovato nel messaggio codici fiscali validi dei beneficiari: l’ufficio verificherà il prospetto di dettaglio.'
      : `Il prospetto indica ${forecast.taxCodes.length} beneficiari: ${matched} con un progetto in corso (progetti in continuità) e ${others} senza un progetto in corso presso l’Azienda, che l’ufficio verificherà.`;
  const withoutProvider =
    continuation.withoutProvider > 0
      ? `${continuation.withoutProvider} progetti in continuità non hanno un ente in anagrafica: il loro contratto va preparato a mano. `
      : '';
  const recorded = municipalityId
    ? forecastRecord(facts.newId(), municipalityId, forecast, continuation.matched, receivedOn)
    : null;
  const email = noticeEmail({
    to: sender.registeredReplyTo ?? sender.address!,
    subject: `Previsione di spesa ricevuta${service}`,
    paragraphs: [
      `Gentili colleghi, confermiamo di aver ricevuto il ${formatLongItalianDate(receivedOn)} la previsione di spesa${service}.`,
      counted,
      ...(recorded ? forecastRemarks(recorded.forecast, recorded.checks) : []),
      terms
        ? `Comunità Sociale Cremasca trasmetterà agli enti accreditati il contratto cumulativo di avvio del servizio entro il ${dueOn}; gli enti lo restituiscono firmato entro ${terms.returnWorkingDays} giorni lavorativi dal ricevimento.`
        : 'L’ufficio vi comunicherà i passi successivi.',
    ],
    messageId: `<forecast.${inboundId}@${options.messageIdDomain}>`,
    inReplyTo: mail.messageId,
    signature: options.signature,
  });
  const cumulativeContracts = continuation.contracts.map((plan) => {
    const id = facts.newId();
    return { ...plan, id, municipalityId, reminders: cumulativeContractReminders(id, plan) };
  });
  const forward = forwardRecord(
    read,
    'forecast',
    `È una previsione di spesa${service}: ${forecast.taxCodes.length} beneficiari, ${matched} con un progetto in corso. ${dueOn ? `Contratti cumulativi da trasmettere agli enti entro il ${dueOn}: ${cumulativeContracts.length} schede seguono. ` : ''}${withoutProvider}${recorded?.forecast.period.late ? 'ATTENZIONE: pervenuta oltre il termine. ' : ''}Righe da verificare e confermare nella console, «Previsioni di spesa». Il Comune ha ricevuto conferma.`,
  );
  return {
    state: 'forwarded',
    kind: 'forecast',
    cumulativeContracts,
    ...(recorded ? { forecast: recorded.forecast } : {}),
    forward,
    messages: [
      emailMessage(`forecast-ack:${inboundId}`, email),
      forwardNotice(inboundId, forward),
      ...cumulativeContracts.map((contract) =>
        teamsMessage(`cumulative-card:${contract.id}`, staffRecipient, {
          type: 'cumulative_contract',
          id: contract.id,
        }),
      ),
    ],
  };
}
