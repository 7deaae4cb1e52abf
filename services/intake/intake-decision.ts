import type { ProviderName } from './provider-names.js';
import { forwardReasonOfKind } from './forward-reasons.js';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { contractAnswer, fromContractProvider } from './contract-answer.js';
import { duplicateOutcome } from './duplicate-outcome.js';
import {
  emailMessage,
  staffRecipient,
  teamsMessage,
  teamsText,
  type OutboxMessage,
} from '../outbox/outbox-message.js';
import type { ProtocolNumber } from '../../domain/requests/protocol-number.js';
import type { ReadMessage, ReceivedDocument } from './message-reader.js';
import { newProject } from './new-project.js';
import { senderRefusal } from './sender-refusal.js';
import { forwarded, staffNotice } from './staff-forward.js';
import { forecastOutcome } from './forecast-outcome.js';
import { changeOutcome, projectNotFoundNote } from './project-change-outcome.js';
import type { IntakeDecision, ProjectToChange } from './intake-store.js';
import { projectNotFound } from '../../domain/projects/project-change.js';
import { variationBudgetProblems } from '../../domain/rules/variation-budget-rule.js';
import type { Problem } from '../../domain/rules/problem.js';
import { acknowledgementNotice, integrationRequest } from './procedure-notice.js';
import type { IntakeFacts, ReplyOptions } from './intake-facts.js';

/** A request to register: its number and the sender's recent replies decide what is sent. */
export interface RequestPlan {
  readonly inboundId: string;
  readonly read: ReadMessage;
  /** Where the reply goes: the sender's registered mailbox, or Reply-To within the same Comune. */
  readonly replyTo: string;
  /** The authenticated sender and its registered Comune: replies are counted per each. */
  readonly sender: string;
  readonly senderMunicipalityId: string;
  /** The year of receipt, which numbers the request. */
  readonly year: number;
  /** For an accepted variation or cessation: the project it changes. */
  readonly project?: ProjectToChange;
  /** The register's providers, to match the one a new project is given to. */
  readonly providers: readonly ProviderName[];
}

/** The outcome of a message, or the request it becomes (decided once its number is known). */
export type IntakePlan = (
  | { readonly kind: 'decided'; readonly decision: IntakeDecision }
  | {
      readonly kind: 'request';
      readonly request: RequestPlan;
      /** The other forms of a message with several, each a request numbered after the first. */
      readonly more?: readonly RequestPlan[];
      /** What the forms that are not requests (a scan put aside) tell staff. */
      readonly staffMessages?: readonly OutboxMessage[];
    }
) & {
  /** The files the message brought, with their impronta: recorded whatever is decided. */
  readonly documents?: readonly ReceivedDocument[];
};

/** A message put aside for a person, with the reason in Italian; staff are told. */
export function quarantined(inboundId: string, reason: string): IntakeDecision {
  return {
    state: 'quarantined',
    kind: 'other',
    quarantineReason: reason,
    messages: [staffNotice(inboundId, { type: 'message_quarantined', inboundId, reason })],
  };
}

/** What a read message leads to: ignored, to staff, a contract's answer, or a request to number. */
export function planIntake(facts: IntakeFacts, options: ReplyOptions): IntakePlan {
  const { inboundId, read } = facts;
  const { result } = read;
  const decided = (decision: IntakeDecision): IntakePlan => ({ kind: 'decided', decision });
  if (result.action === 'ignore') return decided({ state: 'ignored', kind: result.kind, messages: [] });
  if (facts.reusedMessageId) {
    return decided(
      forwarded(
        inboundId,
        read,
        'message_id_reused',
        `Ha lo stesso identificativo (Message-ID) di un messaggio già ricevuto, ma un contenuto diverso: non ha avuto risposta automatica, per non rispondere due volte allo stesso messaggio.`,
      ),
    );
  }
  // Seed l. 213-215: the provider returns the contract it was sent, signed, in its thread. From the
  // provider's registered address that reply is a contract answer first, whatever its attachment
  // looks like (the contract's own text reads like a form); from anyone else, only when it holds no form.
  if (facts.contract && (!result.draft || fromContractProvider(facts.sender, facts.contract)))
    return decided(contractAnswer(facts, facts.contract, options));
  if (result.quarantineReason) return decided(quarantined(inboundId, result.quarantineReason));
  if (result.forecast)
    return decided(forecastOutcome(facts, result.forecast, facts.continuing ?? [], options));
  if (result.action === 'forward_to_staff' || !result.draft) {
    // A scanned form not read with certainty: staff get what was read and why.
    if (result.staffNote) return decided(forwarded(inboundId, read, 'scan_uncertain', result.staffNote));
    return decided(forwarded(inboundId, read, forwardReasonOfKind(result.kind)));
  }
  const refusal = senderRefusal(facts);
  if (refusal) return decided(forwarded(inboundId, read, refusal.reason, refusal.note));
  if (facts.duplicateOf) return decided(duplicateOutcome(facts, facts.duplicateOf, options));
  const { sender } = facts;
  const year = Number(romeDateOf(result.receivedAt).slice(0, 4));
  return {
    kind: 'request',
    request: {
      inboundId,
      // A variation or cessation of no running project is not applied: the Comune is asked which one;
      // a variation whose new budget does not cover its hours is not applied either.
      read:
        facts.project === null
          ? withProblems(read, [projectNotFound(result.draft)])
          : facts.project
            ? withProblems(read, variationBudgetProblems(result.draft, facts.project))
            : read,
      replyTo: sender.registeredReplyTo ?? sender.address!,
      sender: sender.address!,
      senderMunicipalityId: (sender.counterpart as { municipalityId: string }).municipalityId,
      year,
      providers: facts.providers ?? [],
      ...(facts.project ? { project: facts.project } : {}),
    },
  };
}

function withProblems(read: ReadMessage, problems: readonly Problem[]): ReadMessage {
  if (problems.length === 0) return read;
  const result = {
    ...read.result,
    action: 'request_integration' as const,
    problems: [...read.result.problems, ...problems],
  };
  return { ...read, result };
}

/** The request recorded under `protocol`, its reply (or why it is withheld) and the staff's card. */
export function decideRequest(
  plan: RequestPlan,
  protocol: ProtocolNumber,
  rateLimited: boolean,
  options: ReplyOptions,
): IntakeDecision {
  const { inboundId, read, replyTo } = plan;
  const { parsed, result } = read;
  const draft = result.draft!;
  const accepted = result.action === 'acknowledge';
  const messages: OutboxMessage[] = [replyOrWithheld(plan, protocol, rateLimited, options)];
  const opens = accepted ? newProject(draft, plan.providers) : undefined;
  const changes =
    accepted && plan.project
      ? changeOutcome({ inboundId, draft, project: plan.project, protocol, ...options })
      : null;
  if (changes) messages.push(...changes.messages);
  else if (result.problems.some((problem) => problem.code === 'project_not_found'))
    messages.push(projectNotFoundNote(inboundId, protocol, draft));
  const outside = opens?.coPayingOutsideAmbito;
  if (outside) {
    // Seed l. 627-629, 1120-1124: a co-paying Comune outside the Ambito is asked by the Azienda itself.
    messages.push(
      teamsText(
        `co-paying-outside:${inboundId}`,
        staffRecipient,
        `La pratica ${protocol.text} (${result.service ?? 'servizio'}) prevede la compartecipazione al 50% del Comune di ${outside}, fuori dall'Ambito: la richiesta di impegno di spesa a quel Comune va inoltrata direttamente dall'Azienda.`,
      ),
    );
  }
  if (accepted) {
    // The hook for every accepted request: durable, delivered to the staff channel by the bot.
    messages.push(
      teamsMessage(`request-accepted:${inboundId}`, staffRecipient, {
        type: 'request_accepted',
        protocol: protocol.text,
        kind: draft.kind,
        service: result.service,
      }),
    );
  }
  return {
    state: 'processed',
    kind: result.kind,
    request: {
      protocol,
      kind: draft.kind,
      service: result.service,
      status: accepted ? 'acknowledged' : 'integration_requested',
      receivedAt: result.receivedAt,
      receivedOn: romeDateOf(result.receivedAt),
      senderAddress: replyTo,
      authenticatedSender: plan.sender,
      senderMunicipalityId: plan.senderMunicipalityId,
      threadMessageId: parsed.mail.messageId,
      subject: parsed.mail.subject.trim().slice(0, 1000),
      fields: {
        ...draft,
        source: result.formSource,
        ...(result.formSigners ? { signers: result.formSigners } : {}),
      },
      problems: result.problems,
      opens,
      ...(changes ? { changes: changes.record } : {}),
      municipalityId: draft.beneficiary.municipality
        ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.istatCode ?? null)
        : null,
    },
    messages,
  };
}

/** The notice or the request to fix the form; or, past the rate limit, the staff's notice instead. */
function replyOrWithheld(
  plan: RequestPlan,
  protocol: ProtocolNumber,
  rateLimited: boolean,
  options: ReplyOptions,
): OutboxMessage {
  const { inboundId, read, replyTo } = plan;
  const { parsed, result } = read;
  if (!rateLimited) {
    const addressing = {
      protocol: protocol.text,
      to: replyTo,
      originalSubject: parsed.mail.subject,
      originalMessageId: parsed.mail.messageId,
      references: [
        ...parsed.mail.references,
        ...(parsed.envelopeMessageId && parsed.envelopeMessageId !== parsed.mail.messageId
          ? [parsed.envelopeMessageId]
          : []),
      ],
      messageId: `<reply.${inboundId}@${options.messageIdDomain}>`,
      signature: options.signature,
      ...(options.notice ? { office: options.notice } : {}),
    };
    const email =
      result.action === 'acknowledge'
        ? acknowledgementNotice(result, addressing)
        : integrationRequest(result, addressing);
    return emailMessage(`reply:${inboundId}`, email);
  }
  // One notice per sender and hour, not one per message of a flood.
  const hour = Math.floor(result.receivedAt.getTime() / 3_600_000);
  return teamsMessage(`reply_withheld:${plan.sender}:${hour}`, staffRecipient, {
    type: 'reply_withheld',
    inboundId,
    reason: 'rate_limit',
    protocol: protocol.text,
    sender: plan.sender,
  });
}
