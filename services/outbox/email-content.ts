/** An e-mail ready for the outbox: what the SMTP sender needs, nothing more. */
export interface EmailContent {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Our own Message-ID, fixed before sending so that a retry is recognisably the same message. */
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly attachments?: readonly { filename: string; contentBase64: string; contentType: string }[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs (a string) and lists (an array of strings) as plain text and as simple HTML. */
export function renderBlocks(blocks: readonly (string | readonly string[])[]): {
  text: string;
  html: string;
} {
  const text = blocks
    .map((block) => (typeof block === 'string' ? block : block.map((item) => `- ${item}`).join('\n')))
    .join('\n\n');
  const html = blocks
    .map((block) =>
      typeof block === 'string'
        ? `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`
        : `<ul>${block.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
    )
    .join('\n');
  return {
    text: `${text}\n`,
    html: `<!doctype html><html lang="it"><body style="font-family:sans-serif">${html}</body></html>`,
  };
}

// RFC 3834: automatic replies say so, and ask the other side not to auto-reply to them.
export const autoReplyHeaders: Readonly<Record<string, string>> = {
  'Auto-Submitted': 'auto-replied',
  'X-Auto-Response-Suppress': 'All',
};
