import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const rule = 'sportello/no-import-cycles';

describe('no module reaches itself through its imports', () => {
  it('finds no import cycle in the real folders', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['services/intake/*.ts', 'bot/teams/*.ts', 'console/*.ts']);
    const cycles = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId === rule).map((m) => `${result.filePath}: ${m.message}`),
    );
    expect(cycles).toEqual([]);
  }, 60_000);

  it('refuses two modules that import each other, type imports included', async () => {
    // In app/, which no other lint test reads, and linted by a process of its own (the rule reads
    // the folders once per process).
    const first = join(root, 'app', 'cycle-probe-first.ts');
    const second = join(root, 'app', 'cycle-probe-second.ts');
    writeFileSync(first, "import type { B } from './cycle-probe-second.js';\nexport type A = { b: B };\n");
    writeFileSync(second, "import type { A } from './cycle-probe-first.js';\nexport type B = { a: A };\n");
    try {
      const run = await promisify(execFile)(
        'npx',
        ['eslint', '--format', 'json', 'app/cycle-probe-first.ts', 'app/cycle-probe-second.ts'],
        { cwd: root },
      ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      const results = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
      expect(results.map((result) => result.messages.map((m) => m.ruleId))).toEqual([[rule], [rule]]);
      expect(results[0]!.messages[0]!.message).toContain(
        'app/cycle-probe-first.ts ↔ app/cycle-probe-second.ts',
      );
    } finally {
      rmSync(first, { force: true });
      rmSync(second, { force: true });
    }
  }, 60_000);
});
