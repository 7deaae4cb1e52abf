import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { contractFields } from '../../domain/contracts/contract-fields.js';
import type { ContractTemplateName } from '../../domain/contracts/contract-fields.js';
import { ContractTemplates } from '../../documents/contract-templates.js';
import { threadScript } from '../../app/thread-scripts.js';
import { ThreadedContractRenderer } from '../../documents/threaded-contract-renderer.js';
import { sadContractSource } from '../domain/draft-fixtures.js';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
const textOf = async (docx: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
const fields = contractFields(sadContractSource());
const templates = await ContractTemplates.load();

// The server fills contracts on a thread of its own (the event loop stays free for the bot and
// the mailbox): the same document as filled in place, and a failure that never takes Sportello down.
describe('contracts filled on a thread of their own', () => {
  const renderer = new ThreadedContractRenderer(templates, threadScript('contract-render-worker'));
  afterAll(() => renderer.close());

  it('fills the contract exactly as in place, several at once, each with its own fields', async () => {
    const [first, second] = await Promise.all([
      renderer.render('servizi-domiciliari', fields),
      renderer.render('servizi-domiciliari', { ...fields, protocollo: '2027/0000999' }),
    ]);
    expect(await textOf(first)).toBe(golden('contratto-servizi-domiciliari.txt'));
    expect(await textOf(second)).toContain('2027/0000999');
    expect(await textOf(second)).not.toContain(fields.protocollo);
  });

  it('fails a contract it cannot fill with a coded error, and goes on with the next', async () => {
    await expect(renderer.render('non-esiste' as ContractTemplateName, fields)).rejects.toMatchObject({
      code: 'document_unavailable',
    });
    expect(await textOf(await renderer.render('servizi-domiciliari', fields))).toBe(
      golden('contratto-servizi-domiciliari.txt'),
    );
  });

  it('gives up a thread that does not answer in time, and starts another for the next contract', async () => {
    const impatient = new ThreadedContractRenderer(templates, threadScript('contract-render-worker'), 1);
    await expect(impatient.render('servizi-domiciliari', fields)).rejects.toMatchObject({
      code: 'document_unavailable',
      message: expect.stringContaining('no answer within 1 ms'),
    });
    await impatient.close();
    await expect(impatient.render('servizi-domiciliari', fields)).rejects.toMatchObject({
      code: 'document_unavailable',
      message: expect.stringContaining('closed'),
    });
  });
});
