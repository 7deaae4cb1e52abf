/** A text found in a message: the body, an attachment, or a message inside it. */
export interface MailText {
  /** Where it came from: `body`, `attachment:richiesta.pdf`, `postacert.eml/body` … */
  readonly source: string;
  readonly text: string;
}

/**
 * What triage needs from a message, already decoded by the mail adapter: headers as raw values,
 * the texts of body and attachments, and what could not be read. For a PEC envelope, the texts,
 * subject and sender are those of the message inside it (postacert.eml) and `date` is the envelope's.
 */
export interface MailForTriage {
  /** Header values by lower-case name, as they appear in the message (e.g. Return-Path `<>`). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly subject: string;
  /** Address to answer: Reply-To, else From (for PEC, the sender inside the envelope). */
  readonly replyTo: string | null;
  readonly from: string | null;
  readonly date: Date | null;
  readonly isPec: boolean;
  readonly texts: readonly MailText[];
  /** Attachments that could not be read (encrypted, broken, too large), with a reason in Italian. */
  readonly unreadable: readonly { readonly source: string; readonly reason: string }[];
}
