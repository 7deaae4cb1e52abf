/** Limits that keep a hostile message from exhausting memory or time (configurable). */
export interface MailLimits {
  /** Whole message, as reported by the server before fetching. */
  readonly maxMessageBytes: number;
  /** One attachment, decoded. */
  readonly maxAttachmentBytes: number;
  readonly maxAttachments: number;
  /** Sum of the uncompressed sizes inside a DOCX (zip bombs). */
  readonly maxDocxUncompressedBytes: number;
  readonly maxPdfPages: number;
  /** Messages inside messages (forwards, PEC envelopes). */
  readonly maxNesting: number;
}

export const defaultMailLimits: MailLimits = {
  maxMessageBytes: 40 * 1024 * 1024,
  maxAttachmentBytes: 15 * 1024 * 1024,
  maxAttachments: 20,
  maxDocxUncompressedBytes: 50 * 1024 * 1024,
  maxPdfPages: 50,
  maxNesting: 3,
};
