/**
 * Adaptive Card text and facts are read as markdown by Teams, so a surname written as
 * `[Rossi](https://phish.example)` or a reason in `**bold**` would show as a link or shout.
 * Every character that opens markdown is escaped with a backslash, and so is a line that would
 * start a heading, quote or list: the card then shows exactly what was written.
 */
export function withoutMarkdown(value: string): string {
  return value
    .replace(/[\\`*_[\]~<>]/g, (character) => `\\${character}`)
    .replace(
      /^(\s*)([#+-]|\d+\.)(?=\s|$)/gm,
      (_line, indent: string, marker: string) => `${indent}${marker.replace(/([#+.-])$/, '\\$1')}`,
    );
}
