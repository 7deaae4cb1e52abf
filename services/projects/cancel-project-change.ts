import { isStaff, refusal, staffOnlyRefusal, type Refusal } from '../access/refusal.js';
import type { CalendarDate } from '../../domain/calendar/calendar-date.js';
import { serviceLabel } from '../../domain/catalogue/services.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import type { Caller } from '../access/caller.js';
import { noticeEmail } from '../outbox/notice-email.js';
import { emailMessage, teamsText, type OutboxMessage } from '../outbox/outbox-message.js';

/** A change of a project as the cancellation needs it. */
export interface RecordedProjectChange {
  readonly changeId: string;
  readonly protocol: string;
  readonly kind: 'variation' | 'cessation';
  readonly service: string;
  readonly effectiveOn: CalendarDate;
  readonly lines: readonly string[];
  readonly cancelledBy: string | null;
  /** A later change of the same project still in force: it must be cancelled first. */
  readonly laterChangeProtocol: string | null;
  readonly provider: { readonly id: string; readonly name: string; readonly email: string } | null;
  readonly contractMessageId: string | null;
}

/** What cancelling needs from the database. */
export interface ProjectChangeStore {
  changeByProtocol(protocol: string): Promise<RecordedProjectChange | null>;
  /**
   * In one transaction: restores the terms the change replaced, marks it cancelled, audits it with
   * the person and the reason, and queues `messages`; false when it was cancelled meanwhile or a
   * later change came first.
   */
  cancel(input: {
    readonly changeId: string;
    readonly actor: string;
    readonly reason: string;
    readonly messages: readonly OutboxMessage[];
  }): Promise<boolean>;
}

/** What the card shows after the button. */
export type CancelResult =
  | { readonly outcome: 'cancelled'; readonly change: RecordedProjectChange & { cancelledBy: string } }
  | (Refusal & { readonly change: RecordedProjectChange | null });

/**
 * Staff cancel a variation or cessation applied by mistake, from its card: the project returns to
 * the terms it had, and the provider, who was told of the change, is told it no longer applies.
 */
export async function cancelProjectChange(
  store: ProjectChangeStore,
  caller: Caller | null,
  input: { readonly protocol: string; readonly reason: string },
  options: { readonly messageIdDomain: string; readonly signature: readonly string[] },
): Promise<CancelResult> {
  if (!isStaff(caller)) return { ...staffOnlyRefusal('annullare una modifica'), change: null };
  const change = await store.changeByProtocol(input.protocol);
  if (!change)
    return {
      ...refusal('not_found', `Nessuna modifica registrata con la pratica ${input.protocol}.`),
      change: null,
    };
  if (change.cancelledBy)
    return {
      ...refusal('already_done', `La modifica è già stata annullata da ${change.cancelledBy}.`),
      change,
    };
  if (change.laterChangeProtocol)
    return {
      ...refusal(
        'stale',
        `Dopo questa modifica ne è stata applicata un'altra (pratica ${change.laterChangeProtocol}): annullare prima quella.`,
      ),
      change,
    };
  const reason = input.reason.trim();
  if (!reason) return { ...refusal('reason_missing', "Indicare il motivo dell'annullamento."), change };
  const done = await store.cancel({
    changeId: change.changeId,
    actor: caller.displayName,
    reason: reason.slice(0, 500),
    messages: providerMessages(change, options),
  });
  if (!done)
    return {
      ...refusal('stale', 'La modifica è stata annullata o superata nel frattempo: aggiornare la scheda.'),
      change,
    };
  return { outcome: 'cancelled', change: { ...change, cancelledBy: caller.displayName } };
}

function providerMessages(
  change: RecordedProjectChange,
  options: { readonly messageIdDomain: string; readonly signature: readonly string[] },
): OutboxMessage[] {
  if (!change.provider) return [];
  const what = change.kind === 'cessation' ? 'la cessazione' : 'la variazione progettuale';
  const sentence = `si comunica che ${what} del servizio ${serviceLabel(change.service)} comunicata con la pratica n. ${change.protocol} (con effetto dal ${formatLongItalianDate(change.effectiveOn)}) è stata annullata: il progetto prosegue alle condizioni precedenti.`;
  const email = noticeEmail({
    to: change.provider.email,
    subject: `Annullamento: ${what} – pratica n. ${change.protocol}`,
    paragraphs: [`Spett.le ${change.provider.name},`, sentence],
    messageId: `<change-cancelled.${change.changeId}@${options.messageIdDomain}>`,
    inReplyTo: change.contractMessageId,
    signature: options.signature,
  });
  return [
    emailMessage(`project-change-cancelled:${change.changeId}`, email),
    teamsText(
      `project-change-cancelled-teams:${change.changeId}`,
      { kind: 'provider', id: change.provider.id },
      `Annullamento (pratica n. ${change.protocol}): ${sentence}`,
    ),
  ];
}

/** The card's action, with the outbox woken once the cancellation is committed. */
export class ProjectChangeActions {
  constructor(
    private readonly store: ProjectChangeStore,
    private readonly outbox: { wake(): void },
    private readonly options: { readonly messageIdDomain: string; readonly signature: readonly string[] },
  ) {}

  async cancel(
    caller: Caller | null,
    input: { readonly protocol: string; readonly reason: string },
  ): Promise<CancelResult> {
    const result = await cancelProjectChange(this.store, caller, input, this.options);
    if (result.outcome === 'cancelled') this.outbox.wake();
    return result;
  }
}
