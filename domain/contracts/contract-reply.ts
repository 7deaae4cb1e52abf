import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** What a provider's answer in a contract's thread carries. */
export interface ContractReplyInput {
  /** The body of the reply, as written (quoted history included). */
  readonly body: string;
  readonly attachments: readonly { readonly fileName: string; readonly contentType: string }[];
}

export type ContractReplyKind =
  | { readonly kind: 'returned'; readonly attachmentIndex: number }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unclear' };

// A refusal must be motivated in writing (disciplinare, SAD FASE 4): words that say "we do not take it on".
const refusalPatterns = [
  /\brifiut/,
  /\brinunci/,
  /\bdeclin/,
  /\bnon (?:possiamo|siamo in grado|riusciamo|e possibile|ci e possibile) (?:accettare|assumere|prendere|garantire|attivare|avviare)/,
  /\bnon (?:accettiamo|accettare)\b/,
  /\bimpossibilitat/,
  /\bnon disponibil/,
  /\bnessun operatore disponibile/,
];

// What a signed contract comes back as: the filled document, a scan, or a digitally signed envelope (CAdES .p7m).
const signedCopy = /\.(pdf|p7m|docx?|odt|jpe?g|png|tiff?)$/i;
const signedCopyTypes = /pdf|pkcs7|msword|wordprocessing|opendocument|image\//i;

/**
 * Reads a provider's reply to a contract: a written refusal (with its motivation), a signed copy
 * attached, or something staff must look at.
 */
export function classifyContractReply(reply: ContractReplyInput): ContractReplyKind {
  const own = ownWords(reply.body);
  const normalized = normalizeForMatching(own);
  if (refusalPatterns.some((pattern) => pattern.test(normalized))) {
    return { kind: 'refused', reason: motivation(own) };
  }
  const attachmentIndex = reply.attachments.findIndex(
    (attachment) => signedCopy.test(attachment.fileName) || signedCopyTypes.test(attachment.contentType),
  );
  if (attachmentIndex >= 0) return { kind: 'returned', attachmentIndex };
  return { kind: 'unclear' };
}

/** The reply without the quoted message below it ("Il giorno … ha scritto:", "> …", "-----Messaggio originale"). */
function ownWords(body: string): string {
  const lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) continue;
    if (
      /^\s*(-{2,}\s*(messaggio originale|original message)|il giorno .* ha scritto:?|on .* wrote:?|da: .*)\s*$/i.test(
        line,
      )
    )
      break;
    lines.push(line);
  }
  return lines.join('\n').trim();
}

function motivation(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact.length > 600 ? `${compact.slice(0, 597)}…` : compact;
}
