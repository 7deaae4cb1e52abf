const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  egrave: 'è',
  eacute: 'é',
  agrave: 'à',
  igrave: 'ì',
  ograve: 'ò',
  ugrave: 'ù',
  Egrave: 'È',
  euro: '€',
  deg: '°',
  rsquo: '’',
  lsquo: '‘',
  ndash: '–',
  mdash: '—',
};

/**
 * Text of an HTML body that keeps the shape of a form: one line per paragraph or table row, table
 * cells separated by ` | `, so that "COGNOME | Bianchi" reads like "COGNOME  Bianchi".
 */
export function htmlToFormText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<input[^>]*type=["']?checkbox["']?[^>]*\bchecked\b[^>]*>/gi, '☒ ')
    .replace(/<input[^>]*type=["']?checkbox["']?[^>]*>/gi, '☐ ')
    .replace(/<\/(td|th)>/gi, ' | ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h[1-6]|table|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
      if (entity.startsWith('#x') || entity.startsWith('#X'))
        return String.fromCodePoint(parseInt(entity.slice(2), 16));
      if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
      return entities[entity] ?? match;
    })
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\u00a0]+/g, ' ')
        .replace(/(\s*\|\s*)+$/, '')
        .replace(/^(\s*\|\s*)+/, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .join('\n');
}
