/**
 * The statements of a SQL script, split at the semicolons that end them: not those inside quotes,
 * quoted identifiers, dollar-quoted bodies (a trigger function's) or comments. adapter-pg's own
 * `executeScript` splits at every semicolon, which cuts a function body in two.
 */
export function sqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let at = 0;
  while (at < script.length) {
    const char = script[at]!;
    const next = script[at + 1];
    if (char === '-' && next === '-') at = endOf(script, '\n', at + 2);
    else if (char === '/' && next === '*') at = endOf(script, '*/', at + 2);
    else if (char === "'" || char === '"') at = endOf(script, char, at + 1);
    else if (char === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(at))?.[0];
      at = tag ? endOf(script, tag, at + tag.length) : at + 1;
    } else if (char === ';') {
      statements.push(script.slice(start, at));
      start = at += 1;
    } else at += 1;
  }
  statements.push(script.slice(start));
  return statements.map((statement) => statement.trim()).filter((statement) => !onlyComments(statement));
}

/** The index just after the next `closing` from `from` (a doubled quote closes and reopens: still inside). */
function endOf(script: string, closing: string, from: number): number {
  const found = script.indexOf(closing, from);
  return found < 0 ? script.length : found + closing.length;
}

function onlyComments(statement: string): boolean {
  return (
    statement
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() === ''
  );
}
