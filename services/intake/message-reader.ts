import type { MailForTriage } from '../../domain/triage/mail-for-triage.js';
import type { TriageResult } from '../../domain/triage/triage-mail.js';

/** A file attached to a message, as sent. */
export interface AttachedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** A message as the mail adapter decoded it: what triage reads, the attached files, the envelope's id. */
export interface DecodedMessage {
  readonly mail: MailForTriage;
  /** The files attached to the message itself (for PEC, to the message inside the envelope). */
  readonly attachments: readonly AttachedFile[];
  /** Message-ID of the envelope itself (for PEC, the provider's id). */
  readonly envelopeMessageId: string | null;
}

/** A file received with a message and its impronta, as the register records it (DPR 445/2000 art. 53). */
export interface ReceivedDocument {
  /** 1, 2, … in the order of the message. */
  readonly position: number;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** A message decoded and triaged: everything the intake decides on. */
export interface ReadMessage {
  readonly parsed: DecodedMessage;
  readonly result: TriageResult;
  /** Each attached file with its impronta, computed where the message was read. */
  readonly documents: readonly ReceivedDocument[];
}

/**
 * Decodes and triages a raw message. A message it gives up on fails with AppError
 * `mail_unreadable` (and is quarantined); `mail_reader_unavailable` means Sportello cannot read
 * at all for now (the message stays in the inbox for the next attempt).
 */
export interface MessageReader {
  read(raw: Uint8Array, deliveredAt: Date): Promise<ReadMessage>;
}

/** Why a message whose reading failed is put aside (in Italian, for the quarantine). */
export const unreadableMessage = 'il messaggio non è leggibile (struttura MIME non valida)';
