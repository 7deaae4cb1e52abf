import { findAmbitoMunicipality } from '../../domain/catalogue/municipalities.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { changeOf, describeChange, type ProjectChange } from '../../domain/projects/project-change.js';
import type { ProtocolNumber } from '../../domain/requests/protocol-number.js';
import type { RequestDraft } from '../../domain/requests/request-draft.js';
import type { EmailContent } from '../outbox/email-content.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage, staffRecipient, teamsMessage, teamsText } from '../outbox/outbox-message.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import type { ProjectToChange, RequestRecord } from './intake-store.js';

/** What an accepted variation or cessation records, and whom it tells. */
export interface ChangeOutcome {
  readonly record: NonNullable<RequestRecord['changes']>;
  readonly messages: readonly OutboxMessage[];
}

/**
 * The change an accepted variation or cessation makes to its project, and the messages that go
 * with it: the provider by e-mail in the contract's thread and in Teams (seed l. 492-504: the
 * variation is communicated to the ente gestore), staff by a card from which the change can be
 * cancelled. No approval is asked: the Comune's decision is the authority.
 */
export function changeOutcome(input: {
  readonly inboundId: string;
  readonly draft: RequestDraft;
  readonly project: ProjectToChange;
  readonly protocol: ProtocolNumber;
  readonly messageIdDomain: string;
  readonly signature: readonly string[];
}): ChangeOutcome | null {
  const { inboundId, draft, project, protocol } = input;
  const change = changeOf(draft, project);
  if (!change) return null;
  const beneficiary = `${draft.beneficiary.surname ?? ''} ${draft.beneficiary.name ?? ''}`.trim();
  const service = serviceLabel(draft.service);
  const lines = describeChange(change);
  const messages: OutboxMessage[] = [
    teamsMessage(`project-changed:${inboundId}`, staffRecipient, {
      type: 'project_changed',
      protocol: protocol.text,
      kind: change.kind,
      service,
      provider: project.provider?.name ?? null,
      lines,
    }),
  ];
  if (project.provider) {
    const email = providerNotice({ ...input, change, beneficiary, lines });
    messages.push(
      emailMessage(`project-changed-provider:${inboundId}`, email),
      teamsText(
        `project-changed-provider-teams:${inboundId}`,
        { kind: 'provider', id: project.provider.id },
        `${change.kind === 'cessation' ? 'Cessazione del servizio' : 'Variazione progettuale'} ${service} (pratica n. ${protocol.text}): ${lines.join('; ')}. I dettagli sono nell'e-mail inviata all'indirizzo registrato dell'ente.`,
      ),
    );
  }
  return { record: { projectId: project.id, change }, messages };
}

function providerNotice(input: {
  readonly change: ProjectChange;
  readonly draft: RequestDraft;
  readonly beneficiary: string;
  readonly lines: readonly string[];
  readonly project: ProjectToChange;
  readonly protocol: ProtocolNumber;
  readonly inboundId: string;
  readonly messageIdDomain: string;
  readonly signature: readonly string[];
}): EmailContent {
  const { change, draft, project, protocol } = input;
  const municipality = draft.beneficiary.municipality
    ? (findAmbitoMunicipality(draft.beneficiary.municipality)?.name ?? draft.beneficiary.municipality)
    : null;
  const title = change.kind === 'cessation' ? 'Cessazione del servizio' : 'Variazione progettuale';
  const about = `del servizio ${serviceLabel(draft.service)} a favore di ${input.beneficiary || 'il beneficiario'}${municipality ? ` (Comune di ${municipality})` : ''}`;
  const blocks: (string | string[])[] = [
    `Spett.le ${project.provider!.name},`,
    change.kind === 'cessation'
      ? `si comunica che il Comune ha disposto la cessazione ${about}, pratica n. ${protocol.text}:`
      : `si comunica che il Comune ha disposto la variazione progettuale ${about}, pratica n. ${protocol.text}:`,
    [...input.lines],
    ...(change.kind === 'variation' && draft.request.change
      ? [`Variazione indicata dal Comune: ${draft.request.change}`]
      : []),
    change.kind === 'cessation'
      ? 'Dopo tale data non vanno rese né rendicontate prestazioni per questo progetto; le ore fino alla cessazione si validano con le consuete scadenze mensili.'
      : "Dalla data di decorrenza l'intervento va adeguato a quanto indicato; le ore si validano con le consuete scadenze mensili.",
    'Il messaggio contiene dati personali, anche di categorie particolari: va trattato solo per l’esecuzione del servizio.',
  ];
  return noticeEmail({
    to: project.provider!.email,
    subject: `${title} – pratica n. ${protocol.text}`,
    paragraphs: blocks,
    messageId: `<change.${input.inboundId}@${input.messageIdDomain}>`,
    inReplyTo: project.contractMessageId,
    signature: input.signature,
  });
}

/** Staff are told why a variation or cessation was not applied (the Comune gets an integration request). */
export function projectNotFoundNote(
  inboundId: string,
  protocol: ProtocolNumber,
  draft: RequestDraft,
): OutboxMessage {
  const what = draft.kind === 'cessation' ? 'comunicazione di cessazione' : 'richiesta di variazione';
  return teamsText(
    `project-not-found:${inboundId}`,
    staffRecipient,
    `La ${what} della pratica ${protocol.text} (servizio ${draft.service ? serviceLabel(draft.service) : 'non indicato'}) non è stata applicata: non risulta in corso un progetto di quel servizio per il codice fiscale indicato. Al Comune è stata chiesta un'integrazione; se il progetto esiste, verificare i dati in anagrafica.`,
  );
}
