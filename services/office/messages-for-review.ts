import { forwardReasonLabels, isForwardReason } from '../intake/forward-reasons.js';
import { isStaff, refusal, requireStaff, type Refusal } from '../access/refusal.js';
import { formatEuro } from '../../domain/money.js';
import type { MessageReader } from '../intake/message-reader.js';
import type { Caller } from '../access/caller.js';

/** The two folders of messages Sportello did not handle by itself. */
export type ReviewFolder = 'staff' | 'quarantine';

/** A message put aside, as staff review it: why, and what was read of it. */
export interface MessageForReview {
  readonly id: string;
  readonly receivedAt: Date;
  readonly messageId: string | null;
  /** What triage made of it (`activation`, `reply`, `other`…). */
  readonly kind: string | null;
  /** Why it was put aside, in Italian (the quarantine reason, or the reason and note of the notice to staff). */
  readonly reason: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly archived: { readonly at: Date; readonly by: string; readonly note: string } | null;
}

/** A message put aside as the database holds it: the quarantine reason, or the notice's code and note. */
export type StoredMessageForReview = Omit<MessageForReview, 'reason'> & {
  readonly quarantineReason: string | null;
  readonly reasonCode: string | null;
  readonly note: string | null;
};

/** What reviewing needs from the database. */
export interface MessageReviewStore {
  /** One page of a folder, newest first, archived ones left out; and how many there are. */
  messages(
    folder: ReviewFolder,
    page: number,
    pageSize: number,
  ): Promise<{ rows: StoredMessageForReview[]; total: number }>;
  /** Archives the message once, with the person and the note, audited; false when it was already archived. */
  archive(input: { id: string; actor: string; note: string }): Promise<boolean>;
}

const pageSize = 25;

/** Why a message was put aside, in Italian: the label of its code, then the notice's own words. */
function reviewReason(code: string | null, note: string | null): string {
  const label = isForwardReason(code) ? forwardReasonLabels[code] : code;
  return [label, note].filter(Boolean).join(' ') || 'Motivo non registrato.';
}

/** What the console shows of a review action. */
export type ReviewResult = { readonly outcome: 'done' } | Refusal;

/**
 * «Da verificare» and «Quarantena» (issue #16): the messages Sportello put aside for a person, with
 * the reason in Italian, and archiving one with a note once it is dealt with. Staff only; nothing
 * is ever deleted (the message stays in the database and in its mail folder).
 */
export class MessagesForReview {
  constructor(private readonly store: MessageReviewStore) {}

  async list(caller: Caller, folder: ReviewFolder, page: number) {
    if (!isStaff(caller)) return null;
    const { rows, total } = await this.store.messages(folder, page, pageSize);
    return {
      rows: rows.map(({ quarantineReason, reasonCode, note, ...row }) => ({
        ...row,
        reason: quarantineReason ?? reviewReason(reasonCode, note),
      })),
      total,
      pages: Math.max(1, Math.ceil(total / pageSize)),
    };
  }

  async archive(caller: Caller, input: { id: string; note: string }): Promise<ReviewResult> {
    const notStaff = requireStaff(caller, 'archiviare i messaggi da verificare');
    if (notStaff) return notStaff;
    const note = input.note.trim();
    if (!note) return refusal('reason_missing', 'Indicare una nota: che cosa si è fatto del messaggio.');
    const done = await this.store.archive({
      id: input.id,
      actor: caller.displayName,
      note: note.slice(0, 500),
    });
    return done
      ? { outcome: 'done' }
      : refusal('not_waiting', 'Il messaggio è già stato archiviato, o non è tra quelli da verificare.');
  }
}

/** What triage read of a message put aside, read again on the reader threads for staff. */
export interface ReadOfMessage {
  readonly kind: string;
  readonly lines: readonly string[];
}

/** Reads a message put aside again (without any effect) to show staff what Sportello read of it. */
export class WhatWasRead {
  constructor(
    private readonly store: { sourceOf(id: string): Promise<{ raw: Uint8Array; receivedAt: Date } | null> },
    private readonly reader: () => MessageReader | null,
  ) {}

  async read(caller: Caller, id: string): Promise<ReadOfMessage | null> {
    if (!isStaff(caller)) return null;
    const reader = this.reader();
    const source = reader ? await this.store.sourceOf(id) : null;
    if (!reader || !source) return null;
    let result: Awaited<ReturnType<MessageReader['read']>>['result'];
    try {
      ({ result } = await reader.read(source.raw, source.receivedAt));
    } catch {
      return {
        kind: 'other',
        lines: ['Il messaggio non è leggibile (struttura non valida o lettura troppo lunga).'],
      };
    }
    const draft = result.draft;
    const b = draft?.beneficiary;
    const r = draft?.request;
    const lines = draft
      ? [
          `Beneficiario: ${[b?.surname, b?.name].filter(Boolean).join(' ') || '—'}, codice fiscale ${b?.taxCode ?? '—'}, nato/a il ${b?.birthDate ?? '—'}, residente a ${b?.municipality ?? '—'}`,
          `Servizio: ${result.service ?? '—'}; avvio ${r?.startDate ?? '—'}, termine ${r?.endDate ?? '—'}, decorrenza ${r?.effectiveDate ?? '—'}`,
          `Ore annue: ${r?.annualHours ?? '—'}; budget: ${r?.annualBudgetCents === null || r?.annualBudgetCents === undefined ? '—' : formatEuro(r.annualBudgetCents)}; ente: ${r?.provider ?? '—'}`,
          ...result.problems.map((problem) => `Da correggere: ${problem.message}`),
        ]
      : ['Nessun modulo riconosciuto nel messaggio.'];
    return {
      kind: result.kind,
      lines: [...lines, ...(result.forms ? [`Il messaggio contiene ${result.forms.length} moduli.`] : [])],
    };
  }
}
