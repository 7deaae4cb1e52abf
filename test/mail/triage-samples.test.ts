import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/start-process.js';
import { triageRaw } from '../support/triage-file.js';

const samplesDir = new URL('../../../shared/samples/', import.meta.url).pathname;
const corpusDir = new URL('../../../shared/corpora/enmime-testdata/', import.meta.url).pathname;
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith('.eml'))
  .sort();

const fold = (value: unknown) =>
  typeof value === 'string'
    ? value
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[’`]/g, "'")
        .toLowerCase()
    : value;

/** Compares what the sample lists, ignoring case and accents in names, money to the cent. */
function expectSubset(actual: unknown, expected: unknown, path = ''): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, index) => expectSubset((actual as unknown[])[index], item, `${path}[${index}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    for (const [key, value] of Object.entries(expected))
      expectSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else if (typeof expected === 'number') {
    expect(Math.round((actual as number) * 100), path).toBe(Math.round(expected * 100));
  } else {
    expect(fold(actual), path).toBe(fold(expected));
  }
}

const contractKeys = ['kind', 'service', 'receivedAt', 'beneficiary', 'request', 'problems', 'action'];

describe('triage of the shared samples', () => {
  it.each(samples)('%s gives the expected JSON', async (name) => {
    const { json } = await triageRaw(readFileSync(`${samplesDir}${name}`));
    const expected = JSON.parse(
      readFileSync(`${samplesDir}${name.replace(/\.eml$/, '.expected.json')}`, 'utf8'),
    );
    expectSubset(json, expected);
    expect(Object.keys(json)).toEqual(contractKeys);
    expect(json.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    for (const problem of json.problems) expect(problem.message.length).toBeGreaterThan(20);
  });

  it('dates a PEC request with its envelope and answers within the Italian message', async () => {
    const { json } = await triageRaw(readFileSync(`${samplesDir}10-pec-activation-sad.eml`));
    expect(json.receivedAt).toBe('2027-03-03T12:00:05+01:00');
  });
});

describe('npm run --silent triage', () => {
  const run = promisify(execFile);
  it.each(['01-activation-sad-body.eml', '10-pec-activation-sad.eml', '11-pec-receipt.eml'])(
    'prints exactly one JSON object on stdout for %s',
    async (name) => {
      const { stdout } = await run('npm', ['run', '--silent', 'triage', '--', `${samplesDir}${name}`], {
        cwd: projectRoot,
      });
      const parsed = JSON.parse(stdout);
      expect(Object.keys(parsed)).toEqual(contractKeys);
    },
    30_000,
  );
});

describe('the malformed-mail corpus', () => {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.eml'));
  it('has messages to test', () => expect(files.length).toBeGreaterThan(50));
  it.each(files)('%s gives one valid answer quickly', async (name) => {
    const started = performance.now();
    const { json } = await triageRaw(readFileSync(`${corpusDir}${name}`));
    expect(Object.keys(json)).toEqual(contractKeys);
    expect(['other', 'automatic', 'reply']).toContain(json.kind);
    expect(['forward_to_staff', 'ignore']).toContain(json.action);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
