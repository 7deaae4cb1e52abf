import type { ForwardReason } from './forward-reasons.js';
import { forwardNotice, forwardRecord } from './staff-forward.js';
import { romeDateOf } from '../../domain/calendar/calendar-date.js';
import { operatorNameIn } from '../../domain/contracts/operator-name.js';
import { phaseDAfterReturn } from '../contracts/phase-d.js';
import { classifyContractReply } from '../../domain/contracts/contract-reply.js';
import { looksLikeSignedCopy } from '../../domain/contracts/returned-document.js';
import { contractReplyMessages, type ContractReplyContext } from '../contracts/contract-reply-messages.js';
import type { IntakeFacts, ReplyOptions, SenderFacts } from './intake-facts.js';
import type { IntakeDecision } from './intake-store.js';
import type { ReadMessage } from './message-reader.js';

/** A provider's answer to the contract it was sent: the signed copy, a refusal, or unclear (to staff). */
export function contractAnswer(
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
  const toStaff = (reason: ForwardReason, note?: string): IntakeDecision => {
    const forward = {
      ...forwardRecord(read, reason, note),
      subject: `${parsed.mail.subject} (risposta sul contratto della pratica ${contract.facts.protocol}, da verificare)`,
    };
    return {
      state: 'forwarded',
      kind: 'contract_reply',
      forward,
      messages: [forwardNotice(inboundId, forward)],
    };
  };
  // Anyone may know the thread (its Message-ID travels in cards and e-mails): only the provider's
  // registered addresses answer for it, and only when the office's mail server vouches for them.
  const authentication = facts.sender.authentication;
  if (authentication.outcome === 'refused')
    return toStaff(
      'contract_reply_not_authenticated',
      `Il mittente non è garantito dal server di posta dell'ufficio (${authentication.explanation}): la risposta non è stata registrata.`,
    );
  if (!fromContractProvider(facts.sender, contract))
    return toStaff(
      'contract_reply_unregistered_sender',
      "Il mittente non è un indirizzo registrato dell'ente a cui è stato inviato il contratto: la risposta non è stata registrata.",
    );
  if (contract.state !== 'sent' || reply.kind === 'unclear') return toStaff('contract_reply');
  if (reply.kind === 'returned' && !readableCopy(read, reply.attachmentIndex))
    return toStaff(
      'contract_reply_unreadable',
      "L'allegato non è un documento leggibile: il contratto non è stato segnato come restituito firmato.",
    );
  const answer = { contractId: contract.contractId, actor: 'ente (e-mail)', at: facts.now } as const;
  if (reply.kind === 'refused') {
    return {
      state: 'processed',
      kind: 'contract_reply',
      contractReply: {
        ...answer,
        outcome: 'refused',
        document: null,
        reason: reply.reason,
        phaseD: null,
        operatorName: null,
      },
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
      phaseD: phaseDAfterReturn(
        { contractId: contract.contractId, protocol: contract.reference.protocol, service: contract.service },
        romeDateOf(facts.now),
      ),
      operatorName: operatorNameIn(body),
    },
    messages: contractReplyMessages(
      contract,
      { outcome: 'returned', via: `via e-mail, allegato «${signed.fileName}»` },
      options,
    ),
  };
}

/** Whether the sender is a registered address of the contract's provider, vouched for by our mail server. */
export function fromContractProvider(sender: SenderFacts, contract: ContractReplyContext): boolean {
  if (sender.authentication.outcome === 'refused') return false;
  return (
    sender.counterpart?.kind === 'provider' &&
    contract.providerId !== null &&
    sender.counterpart.providerId === contract.providerId
  );
}

/** The returned file is a document of its kind, and it was read where it can be (PDF, DOCX). */
function readableCopy(read: ReadMessage, attachmentIndex: number): boolean {
  const file = read.parsed.attachments[attachmentIndex]!;
  const failed = read.parsed.mail.unreadable.some((entry) =>
    entry.source.endsWith(`attachment:${file.fileName}`),
  );
  return !failed && looksLikeSignedCopy(file.fileName, file.content);
}
