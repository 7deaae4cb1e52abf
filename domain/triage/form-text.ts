import { normalizeForMatching } from '../text/normalize-for-matching.js';

/** Whether a line of a form carries a tick box and whether it is ticked. */
export type TickState = 'ticked' | 'unticked' | 'none';

/** One piece of a form: a line, or a table cell of a line. */
export interface FormSegment {
  /** The original text, tick mark removed. */
  readonly text: string;
  /** Lower-case, accent-free words of the text. */
  readonly words: readonly string[];
  readonly tick: TickState;
}

const tickedMark = /^\s*(?:[☒☑✓✔✗✘■▪●◉⊠]|\[\s*[xX✓✔*]\s*\]|\(\s*[xX✓✔*]\s*\)|[xX](?=\s+[A-Z]{2}))\s*/u;
const untickedMark = /^\s*(?:[☐□▫○◯❏❑]|\[\s*\]|\(\s*\)|_{2,})\s*/u;

/**
 * Splits form text into segments: one per line, and one per table cell when a line holds several
 * (`|`, tabs or wide gaps, as tables come out of HTML, Word and PDF).
 */
export function formSegments(text: string): FormSegment[] {
  const segments: FormSegment[] = [];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    for (const cell of rawLine.split(/\s*\|\s*|\t+|\s{3,}(?=\S)/)) {
      const trimmed = cell.replace(/\u00a0/g, ' ').trim();
      if (trimmed === '') continue;
      let tick: TickState = 'none';
      let content = trimmed;
      const ticked = tickedMark.exec(trimmed);
      const unticked = ticked ? null : untickedMark.exec(trimmed);
      if (ticked) {
        tick = 'ticked';
        content = trimmed.slice(ticked[0].length);
      } else if (unticked) {
        tick = 'unticked';
        content = trimmed.slice(unticked[0].length);
      }
      segments.push({ text: content, words: wordsOf(content), tick });
    }
  }
  return segments;
}

export function wordsOf(text: string): string[] {
  return normalizeForMatching(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * When `segment` starts with the words of `label`, the text that follows the label (separators
 * such as `:` and `=` removed), else null.
 */
export function textAfterLabel(segment: FormSegment, label: readonly string[]): string | null {
  if (segment.words.length < label.length) return null;
  for (let i = 0; i < label.length; i += 1) if (segment.words[i] !== label[i]) return null;
  const pattern = /[\p{L}\p{N}]+/gu;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i < label.length; i += 1) match = pattern.exec(segment.text);
  if (!match) return null;
  return segment.text
    .slice(match.index + match[0].length)
    .replace(/^[\s:=\-–—.*)]+/, '')
    .trim();
}
