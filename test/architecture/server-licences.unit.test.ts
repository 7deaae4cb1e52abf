import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { dev?: boolean; license?: string }>;
};

// Permissive licences (and MPL-2.0/EPL-2.0, file-level copyleft that the server does not modify).
const allowed =
  /^(MIT|MIT-0|MIT\/X11|ISC|0BSD|BSD|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|Unlicense|BlueOak-1\.0\.0|MPL-2\.0|EPL-2\.0|CC0-1\.0|Zlib)$/;
// Packages whose package.json names no licence, checked by hand in their LICENSE files or repositories.
const checkedByHand: Record<string, string> = {
  'node_modules/buffers': 'MIT/X11',
  'node_modules/cldrjs': 'MIT',
  'node_modules/seq-queue': 'MIT',
};

/** Whether an SPDX expression allows use under a permissive licence (one option of an OR suffices). */
function permissive(expression: string): boolean {
  const terms = expression.replace(/[()]/g, '').split(/\s+(?:OR)\s+/i);
  return terms.some((term) => term.split(/\s+(?:AND|and)\s+/).every((part) => allowed.test(part.trim())));
}

// The brief: no AGPL (nor GPL) in the server. Debian tools run as separate programs (LibreOffice,
// Tesseract, poppler) are not linked into it and are listed in the README.
describe('the licences of what the server runs', () => {
  it('tells a copyleft licence from a permissive one, and a dual licence by its permissive option', () => {
    expect(['AGPL-3.0-only', 'GPL-3.0', 'SSPL-1.0', 'MIT AND GPL-2.0'].map(permissive)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['MIT', '(MIT OR GPL-3.0-or-later)', '(MIT AND Zlib)', 'Apache-2.0'].map(permissive)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('are all permissive, for every production package of the lock file', () => {
    const offending = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev)
      .map(([path, entry]) => [path, entry.license ?? checkedByHand[path] ?? 'sconosciuta'] as const)
      .filter(([, licence]) => !permissive(licence));
    expect(offending).toEqual([]);
  });
});
