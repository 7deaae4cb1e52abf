/** Who signed a file digitally (CAdES), as the certificate names them; the signature matched the file. */
export interface DigitalSigner {
  readonly name: string | null;
  /** From the certificate's serialNumber `TINIT-…`, when it carries one. */
  readonly taxCode: string | null;
  /**
   * With a trusted list configured: the qualified CA the certificate chains to (a qualified
   * signature), or null when it chains to none. Absent: the certificate was not checked.
   */
  readonly qualifiedBy?: string | null;
}

/** How a text read from a scan (OCR) was read: words below the engine's confidence threshold are uncertain. */
export interface ScanReading {
  /** Mean confidence of the words, 0-100. */
  readonly meanConfidence: number;
  readonly uncertainWords: readonly string[];
}

/** A text found in a message: the body, an attachment, or a message inside it. */
export interface MailText {
  /** Where it came from: `body`, `attachment:richiesta.pdf`, `postacert.eml/body` … */
  readonly source: string;
  readonly text: string;
  /** For a digitally signed file (`.p7m`): who signed it, the signature having matched its content. */
  readonly signers?: readonly DigitalSigner[];
  /** For a text read from a scan (a PDF without text, an image) by OCR: how sure the reading is. */
  readonly scan?: ScanReading;
}

/**
 * What triage needs from a message, already decoded by the mail adapter: headers as raw values,
 * the texts of body and attachments, and what could not be read. For a PEC envelope, the texts,
 * subject and sender are those of the message inside it (postacert.eml), the sender as certified.
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
  /**
   * Every mailbox of every From header of the message as delivered (for PEC, of the envelope): a
   * message is somebody's only when there is exactly one.
   */
  readonly fromAddresses: readonly string[];
  /** The sender's own Date header: shown, never the legal date of receipt. */
  readonly date: Date | null;
  /** A PEC envelope whose signature and daticert.xml were verified. */
  readonly isPec: boolean;
  /** For a verified PEC, when the sender's provider accepted it (daticert.xml). */
  readonly certifiedAt: Date | null;
  readonly texts: readonly MailText[];
  /** Attachments that could not be read (encrypted, broken, too large), with a reason in Italian. */
  readonly unreadable: readonly { readonly source: string; readonly reason: string }[];
}
