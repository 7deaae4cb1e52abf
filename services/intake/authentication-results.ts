/** One method's result in an `Authentication-Results` header (RFC 8601 section 2.2), e.g. `dmarc=pass header.from=x.it`. */
export interface AuthenticationResult {
  /** `spf`, `dkim`, `dmarc`, `compauth`…, lower case. */
  readonly method: string;
  /** `pass`, `fail`, `none`, `temperror`, `bestguesspass`…, lower case. */
  readonly result: string;
  /** Properties by `ptype.property` in lower case (`smtp.mailfrom`, `header.d`, `header.from`). */
  readonly properties: Readonly<Record<string, string>>;
}

/** A parsed `Authentication-Results` header: who wrote it (if it says) and what it found. */
export interface AuthenticationResultsHeader {
  /** The authserv-id, lower case; null when the header starts with a result (Exchange Online writes none). */
  readonly authservId: string | null;
  readonly results: readonly AuthenticationResult[];
}

/**
 * Reads one `Authentication-Results` value: comments removed, `;`-separated result sets, each
 * `method=result` followed by `ptype.property=value` pairs. Lenient on spacing, as Exchange Online
 * writes `…header.d=x.it;dmarc=pass…` without a space; anything unreadable is left out, never guessed.
 */
export function parseAuthenticationResults(value: string): AuthenticationResultsHeader {
  const segments = splitOutsideQuotes(withoutComments(value), ';')
    .map((segment) => segment.trim())
    .filter(Boolean);
  let authservId: string | null = null;
  const results: AuthenticationResult[] = [];
  for (const [index, segment] of segments.entries()) {
    const tokens = splitOutsideQuotes(segment, ' ')
      .map((token) => token.trim())
      .filter(Boolean);
    const head = tokens[0] ?? '';
    if (!head.includes('=')) {
      // The first segment names the server ("mx.example.it 1"); a later bare word (EOP sometimes
      // repeats a domain) says nothing.
      if (index === 0) authservId = head.toLowerCase();
      continue;
    }
    const [methodPart, result] = keyValue(head);
    const method = methodPart.split('/')[0]!;
    if (!/^[a-z0-9-]+$/.test(method) || !/^[a-z]+$/.test(result)) continue;
    const properties: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const [key, propertyValue] = keyValue(token);
      if (key && propertyValue) properties[key] = propertyValue;
    }
    results.push({ method, result, properties });
  }
  return { authservId, results };
}

function keyValue(token: string): [string, string] {
  const at = token.indexOf('=');
  if (at < 0) return ['', ''];
  const value = token
    .slice(at + 1)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  return [token.slice(0, at).trim().toLowerCase(), value.toLowerCase()];
}

/** Drops RFC 5322 comments, nested ones included, outside quoted strings. */
function withoutComments(value: string): string {
  let depth = 0;
  let quoted = false;
  let out = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += char + (value[index + 1] ?? '');
      index++;
      continue;
    }
    if (depth === 0 && char === '"') quoted = !quoted;
    if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')' && depth > 0) {
      depth--;
      out += ' ';
    } else if (depth === 0) out += char;
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === separator || (separator === ' ' && /\s/.test(char)))) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
