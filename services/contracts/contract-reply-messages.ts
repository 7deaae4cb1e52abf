import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { parametersInForce } from '../../domain/catalogue/tariff-lookup.js';
import {
  contractRefusedNotice,
  contractReturnedNotice,
  refusalsOverLimitNotice,
  type ContractReference,
} from '../../domain/contracts/contract-notices.js';
import { emailMessage, staffRecipient, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';
import { providerRefusedContract, type ContractMailFacts } from './contract-emails.js';

/** A contract waiting for the provider's answer, as the answer's messages need it. */
export interface ContractReplyContext {
  readonly contractId: string;
  readonly state: string;
  readonly facts: ContractMailFacts;
  readonly reference: ContractReference;
  readonly providerId: string | null;
  /** The request's service code, for the terms that follow the return. */
  readonly service: string | null;
  /** Written refusals of this provider in the calendar year so far. */
  readonly refusalsThisYear: number;
  readonly year: number;
  readonly requestSender: string | null;
  readonly requestMessageId: string | null;
}

/**
 * What follows a provider's answer: staff are told; on a refusal the Comune is asked to choose
 * another provider, and staff are alerted when the provider passes five refusals in the year.
 */
export function contractReplyMessages(
  context: ContractReplyContext,
  answer: { outcome: 'returned'; via: string } | { outcome: 'refused'; reason: string },
  options: { messageIdDomain: string; signature: readonly string[] },
): OutboxMessage[] {
  const staff = (key: string, text: string) => teamsText(key, staffRecipient, text);
  if (answer.outcome === 'returned') {
    return [
      staff(`contract-returned:${context.contractId}`, contractReturnedNotice(context.reference, answer.via)),
    ];
  }
  const refusals = context.refusalsThisYear + 1;
  const drafts = [
    staff(
      `contract-refused:${context.contractId}`,
      contractRefusedNotice(context.reference, answer.reason, refusals),
    ),
  ];
  if (context.requestSender) {
    const email = providerRefusedContract(context.facts, answer.reason, {
      to: context.requestSender,
      messageId: `<rifiuto-ente.${context.contractId}@${options.messageIdDomain}>`,
      inReplyTo: context.requestMessageId,
      signature: options.signature,
    });
    drafts.push(emailMessage(`contract-refused-email:${context.contractId}`, email));
  }
  const limit = parametersInForce(calendarDate(`${context.year}-12-31`)).maxContractRefusalsPerYear;
  if (context.providerId && refusals > limit) {
    drafts.push(
      staff(
        `provider-refusals:${context.providerId}:${context.year}:${refusals}`,
        refusalsOverLimitNotice(context.reference.provider, context.year, refusals, limit),
      ),
    );
  }
  return drafts;
}
