import { addDays, maxDate, type CalendarDate } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { romeMorning } from '../../domain/calendar/rome-instant.js';
import { isServiceCode } from '../../domain/catalogue/service-codes.js';
import { faseDDue } from '../../domain/deadlines/contract-deadlines.js';
import type { ScheduledReminder } from './contract-dispatch.js';
import type { ContractMailFacts } from './contract-emails.js';
import { noticeEmail } from '../outbox/notice-email.js';
import type { EmailContent } from '../outbox/email-content.js';

/** The fase D a signed return opens: when it is due and the reminder to staff before it. */
export interface PhaseDAfterReturn {
  readonly dueOn: CalendarDate;
  readonly reminders: readonly ScheduledReminder[];
}

/**
 * Seed l. 240-246 (and 728-732, 1204-1208, 1700-1704): the agency enters the fase D in Gecas within
 * 7 days of the signed return; staff are reminded two days before, unless it is marked meanwhile.
 * Null for services whose fase D has no term.
 */
export function phaseDAfterReturn(
  contract: { readonly contractId: string; readonly protocol: string; readonly service: string | null },
  returnedOn: CalendarDate,
): PhaseDAfterReturn | null {
  const service = contract.service && isServiceCode(contract.service) ? contract.service : null;
  const dueOn = service ? faseDDue(service, returnedOn) : null;
  if (!dueOn) return null;
  return {
    dueOn,
    reminders: [
      {
        idempotencyKey: `contract-phase-d:${contract.contractId}`,
        kind: 'contract_phase_d',
        dueAt: romeMorning(maxDate(addDays(dueOn, -2), addDays(returnedOn, 1))),
        payload: { contractId: contract.contractId, protocol: contract.protocol, dueOn },
      },
    ],
  };
}

/**
 * Seed l. 244-246, 262-264: once the fase D is entered the service may start, after the social
 * worker's PAI in Gecas; never before the start the request planned.
 */
export function serviceMayStartOn(
  plannedStart: CalendarDate | null,
  phaseDDoneOn: CalendarDate,
): CalendarDate {
  return plannedStart ? maxDate(plannedStart, phaseDDoneOn) : phaseDDoneOn;
}

/** To the Comune, in the request's thread: the contract is signed, the fase D entered, the service may start. */
export function serviceMayStartEmail(input: {
  readonly contract: ContractMailFacts;
  readonly returnedOn: CalendarDate | null;
  readonly phaseDDoneOn: CalendarDate;
  readonly startOn: CalendarDate;
  readonly operatorName: string | null;
  readonly to: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly signature: readonly string[];
}): EmailContent {
  const { contract } = input;
  return noticeEmail({
    to: input.to,
    subject: `Re: pratica n. ${contract.protocol} – avvio del servizio`,
    messageId: input.messageId,
    inReplyTo: input.inReplyTo,
    signature: input.signature,
    paragraphs: [
      contract.municipality
        ? `Spett.le Servizio Sociale del Comune di ${contract.municipality},`
        : 'Spett.le Servizio Sociale,',
      `con riferimento alla pratica n. ${contract.protocol} (${contract.serviceLabel}, ${contract.beneficiary}), si comunica che il contratto di avvio è stato sottoscritto da ${contract.provider}${input.returnedOn ? ` il ${formatLongItalianDate(input.returnedOn)}` : ''} e che la fase D è stata inserita in Gecas il ${formatLongItalianDate(input.phaseDDoneOn)}.`,
      input.operatorName
        ? `Operatore incaricato indicato dall'ente: ${input.operatorName}.`
        : "L'ente comunica all'assistente sociale il nominativo dell'operatore incaricato.",
      `Il servizio può prendere avvio dal ${formatLongItalianDate(input.startOn)}, dopo l'inserimento in Gecas del Piano Assistenziale Individualizzato (PAI) in stato definitivo, sottoscritto dal Servizio sociale, dall'ente e dal beneficiario (o dal care-giver).`,
    ],
  });
}
