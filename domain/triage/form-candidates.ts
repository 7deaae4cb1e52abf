import type { RequestKind } from '../catalogue/procedures.js';
import { extractForm, formKindOf, startsForm, type ExtractedForm } from './extract-request.js';
import type { DigitalSigner, MailText, ScanReading } from './mail-for-triage.js';

/** A form found in a message's texts, with where it was and how it was read. */
export interface FormCandidate {
  /** `body`, `attachment:richiesta.pdf`, or `attachment:moduli.pdf#2` for the second form of a file. */
  readonly source: string;
  /** Position in the message: texts in order, forms of a text in order. */
  readonly order: number;
  readonly signers: readonly DigitalSigner[];
  readonly scan: ScanReading | null;
  readonly form: ExtractedForm;
}

/** Forms with fewer fields than this are not told apart from the others: a quote, not a form. */
const minFieldsOfASeparateForm = 4;

/** Every form in the texts, the ones with the most fields first. */
export function formCandidates(texts: readonly MailText[], latestYear: number): FormCandidate[] {
  const candidates: FormCandidate[] = [];
  texts.forEach((text, textIndex) => {
    splitForms(text.text).forEach((chunk, chunkIndex) => {
      const kind: RequestKind | null = formKindOf(chunk);
      if (!kind) return;
      candidates.push({
        source: chunkIndex === 0 ? text.source : `${text.source}#${chunkIndex + 1}`,
        order: textIndex * 1000 + chunkIndex,
        signers: text.signers ?? [],
        scan: text.scan ?? null,
        form: extractForm(chunk, kind, { latestYear }),
      });
    });
  });
  return candidates.sort((a, b) => b.form.fieldsFound - a.form.fieldsFound);
}

/**
 * The distinct forms of a message, in message order (issue #15: a Comune sends several requests
 * at once). The same form met twice (the plain and the HTML body, the body and its PDF) counts
 * once, with the reading that found the most fields; a form is distinct only by its beneficiary's
 * codice fiscale or its kind, and when it has enough fields to be a form rather than a quote.
 */
export function distinctForms(candidates: readonly FormCandidate[]): FormCandidate[] {
  const best = candidates[0];
  if (!best) return [];
  const chosen = new Map<string, FormCandidate>([[keyOf(best), best]]);
  for (const candidate of candidates.slice(1)) {
    const key = keyOf(candidate);
    if (chosen.has(key) || candidate.form.fieldsFound < minFieldsOfASeparateForm) continue;
    if (!candidate.form.values.taxCode) continue;
    chosen.set(key, candidate);
  }
  return [...chosen.values()].sort((a, b) => a.order - b.order);
}

function keyOf(candidate: FormCandidate): string {
  return `${candidate.form.kind}/${candidate.form.values.taxCode ?? '-'}`;
}

/**
 * Cuts a text holding several forms (one PDF with three forms) at their titles; a piece that is no
 * form by itself (a title repeated inside a form) stays with the piece before it.
 */
function splitForms(text: string): string[] {
  const lines = text.split('\n');
  const starts = lines.flatMap((line, index) => (startsForm(line) ? [index] : []));
  if (starts.length < 2) return [text];
  const pieces: string[] = [];
  const bounds = [0, ...starts.slice(1), lines.length];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const piece = lines.slice(bounds[i], bounds[i + 1]).join('\n');
    if (pieces.length > 0 && formKindOf(piece) === null) pieces[pieces.length - 1] += `\n${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}
