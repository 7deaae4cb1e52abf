import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/start-process.js';
import { differences } from '../../app/cli/json-subset.js';
import { requestMails } from '../support/request-mail.js';
import { triageRaw } from '../support/triage-file.js';

const corpusDir = new URL('../fixtures/enmime-testdata/', import.meta.url).pathname;
const requests = await requestMails();

const contractKeys = [
  'kind',
  'service',
  'receivedAt',
  'beneficiary',
  'request',
  'problems',
  'action',
  'staffReason',
];

describe('triage of a working week of requests', () => {
  it.each(requests.map((request) => [request.name, request] as const))(
    '%s gives the expected JSON',
    async (_name, request) => {
      const { json } = await triageRaw(request.raw);
      expect(differences(json, request.expected)).toEqual([]);
      expect(Object.keys(json)).toEqual(contractKeys);
      expect(json.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      for (const problem of json.problems) expect(problem.message.length).toBeGreaterThan(20);
    },
  );

  it('dates a verified PEC request with its daticert.xml, not with any Date header', async () => {
    const pec = requests.find((request) => request.name === 'pec-activation-sad')!;
    const { json } = await triageRaw(pec.raw);
    // daticert.xml: 03/03/2027 12:00:00 +0100; the envelope's Date says 11:00:05 UTC.
    expect(json.receivedAt).toBe('2027-03-03T12:00:00+01:00');
  });
});

describe('npm run --silent triage', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'sportello-triage-'));
  it.each(['activation-sad-body', 'pec-activation-sad', 'pec-receipt'])(
    'prints exactly one JSON object on stdout for %s',
    async (name) => {
      const file = join(dir, `${name}.eml`);
      writeFileSync(file, requests.find((request) => request.name === name)!.raw);
      const { stdout } = await run('npm', ['run', '--silent', 'triage', '--', file], {
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
