import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { classifyContractReply } from '../../domain/contracts/contract-reply.js';
import { contractReplyMessages, type ContractReplyContext } from '../contracts/contract-reply-messages.js';
import {
  emailMessage,
  staffRecipient,
  teamsMessage,
  type OutboxMessage,
  type TeamsPayload,
} from '../outbox/outbox-message.js';
import type { ProtocolNumber } from '../../domain/requests/protocol-number.js';
import type { IntakeDecision } from './intake-store.js';
import type { ReadMessage } from './message-reader.js';
import { newProject } from './new-project.js';
import { acknowledgementNotice, integrationRequest } from './procedure-notice.js';

/** How the office signs its replies and numbers their Message-IDs. */
export interface ReplyOptions {
  readonly signature: readonly string[];
  /** Domain of our own Message-IDs. */
  readonly messageIdDomain: string;
}

/** What is known about a message once it is read, before anything is written. */
export interface IntakeFacts {
  readonly inboundId: string;
  readonly read: ReadMessage;
  /** Another message came before under the same Message-ID. */
  readonly reusedMessageId: boolean;
  /** The contract whose e-mail this message answers, if it is in a contract's thread. */
  readonly contract: ContractReplyContext | null;
  readonly now: Date;
}

/** A request to register: its number and the sender's recent replies decide what is sent. */
export interface RequestPlan {
  readonly inboundId: string;
  readonly read: ReadMessage;
  /** Where the reply goes (Reply-To, else From), if anywhere. */
  readonly replyTo: string | null;
  /** The year of receipt, which numbers the request. */
  readonly year: number;
}

/** The outcome of a message, or the request it becomes (decided once its number is known). */
export type IntakePlan =
  | { readonly kind: 'decided'; readonly decision: IntakeDecision }
  | { readonly kind: 'request'; readonly request: RequestPlan };

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
  const { parsed, result } = read;
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
  // A provider answering the e-mail that carried a contract: whatever is attached is its answer.
  if (facts.contract && !result.draft) return decided(contractAnswer(facts, facts.contract, options));
  if (result.quarantineReason) return decided(quarantined(inboundId, result.quarantineReason));
  if (result.action === 'forward_to_staff' || !result.draft) {
    return decided(forwarded(inboundId, read, result.kind));
  }
  const year = Number(romeDateOf(result.receivedAt).slice(0, 4));
  return { kind: 'request', request: { inboundId, read, replyTo: parsed.mail.replyTo, year } };
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
  const messages: OutboxMessage[] = [];
  if (replyTo && !rateLimited) {
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
    };
    const email = accepted
      ? acknowledgementNotice(result, addressing)
      : integrationRequest(result, addressing);
    messages.push(emailMessage(`reply:${inboundId}`, email));
  } else {
    messages.push(
      staffNotice(inboundId, {
        type: 'reply_withheld',
        inboundId,
        reason: rateLimited ? 'rate_limit' : 'no_address',
        protocol: protocol.text,
      }),
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
      threadMessageId: parsed.mail.messageId,
      fields: { ...draft, source: result.formSource },
      problems: result.problems,
      opens: accepted ? newProject(draft) : undefined,
      municipalityId: draft.beneficiary.municipality
        ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.istatCode ?? null)
        : null,
    },
    messages,
  };
}

/** A provider's answer to the contract it was sent: the signed copy, a refusal, or unclear (to staff). */
function contractAnswer(
  facts: IntakeFacts,
  contract: ContractReplyContext,
  options: ReplyOptions,
): IntakeDecision {
  const { inboundId, read } = facts;
  const { parsed } = read;
  const body = parsed.mail.texts
    .filter((text) => /(^|\/)body$/.test(text.source))
    .map((text) => text.text)
    .join('\n');
  const reply = classifyContractReply({ body, attachments: parsed.attachments });
  if (contract.state !== 'sent' || reply.kind === 'unclear') {
    return {
      state: 'forwarded',
      kind: 'contract_reply',
      messages: [
        staffNotice(inboundId, {
          type: 'message_for_staff',
          inboundId,
          reason: 'contract_reply',
          from: parsed.mail.from,
          subject: `${parsed.mail.subject} (risposta sul contratto della pratica ${contract.facts.protocol}, da verificare)`,
        }),
      ],
    };
  }
  const answer = { contractId: contract.contractId, actor: 'ente (e-mail)', at: facts.now } as const;
  if (reply.kind === 'refused') {
    return {
      state: 'processed',
      kind: 'contract_reply',
      contractReply: { ...answer, outcome: 'refused', document: null, reason: reply.reason },
      messages: contractReplyMessages(contract, { outcome: 'refused', reason: reply.reason }, options),
    };
  }
  const signed = parsed.attachments[reply.attachmentIndex]!;
  return {
    state: 'processed',
    kind: 'contract_reply',
    contractReply: {
      ...answer,
      outcome: 'returned',
      document: { fileName: signed.fileName, content: signed.content },
      reason: null,
    },
    messages: contractReplyMessages(
      contract,
      { outcome: 'returned', via: `via e-mail, allegato «${signed.fileName}»` },
      options,
    ),
  };
}

/** A message handed to staff in «Da verificare», never answered automatically. */
function forwarded(inboundId: string, read: ReadMessage, reason: string, note?: string): IntakeDecision {
  const { mail } = read.parsed;
  return {
    state: 'forwarded',
    kind: read.result.kind,
    messages: [
      staffNotice(inboundId, {
        type: 'message_for_staff',
        inboundId,
        reason,
        from: mail.from,
        subject: mail.subject,
        ...(note ? { note } : {}),
      }),
    ],
  };
}

function staffNotice(inboundId: string, payload: TeamsPayload): OutboxMessage {
  return teamsMessage(`${payload.type}:${inboundId}`, staffRecipient, payload);
}
