import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { ContractDocumentQueue } from '../../services/contracts/contract-document-queue.js';

// The background writer of contract documents, over in-memory interfaces.
describe('contract document queue (use case, in memory)', () => {
  function queueWith(contracts: Record<string, string>, missing: string[] = []) {
    const written: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const queue = new ContractDocumentQueue(
      {
        contractForProtocol: async (protocol) => contracts[protocol] ?? null,
        contractsWithoutDocument: async () => missing,
      },
      {
        ensureDocument: async (contractId) => {
          maxConcurrent = Math.max(maxConcurrent, ++concurrent);
          await new Promise((resolve) => setTimeout(resolve, 5));
          concurrent -= 1;
          if (contractId === 'broken') throw new Error('template');
          written.push(contractId);
        },
      },
      createLogger('silent'),
    );
    return { queue, written, maxConcurrent: () => maxConcurrent };
  }

  it('writes one document at a time, in order, and skips requests that opened no contract', async () => {
    const { queue, written, maxConcurrent } = queueWith({ '2027/0000001': 'c1', '2027/0000003': 'c3' });
    for (const protocol of ['2027/0000001', '2027/0000002', '2027/0000003']) queue.enqueueProtocol(protocol);
    await queue.idle();
    expect(written).toEqual(['c1', 'c3']);
    expect(maxConcurrent()).toBe(1);
  });

  it('catches up what a restart left unwritten, and a failure does not stop the others', async () => {
    const { queue, written } = queueWith({}, ['broken', 'c7']);
    expect(await queue.catchUp()).toBe(2);
    await queue.idle();
    expect(written).toEqual(['c7']);
  });

  it('takes nothing more once stopped', async () => {
    const { queue, written } = queueWith({ p: 'c1' });
    await queue.stop();
    queue.enqueueProtocol('p');
    await queue.idle();
    expect(written).toEqual([]);
  });
});

describe('contract document queue while the intake is busy', () => {
  it('waits until the intake has been quiet for the time asked, then writes', async () => {
    const written: number[] = [];
    const queue = new ContractDocumentQueue(
      { contractForProtocol: async () => 'c1', contractsWithoutDocument: async () => [] },
      { ensureDocument: async () => void written.push(Date.now()) },
      createLogger('silent'),
    );
    const started = Date.now();
    queue.yieldTo(150);
    queue.enqueueProtocol('2027/0000001');
    await new Promise((resolve) => setTimeout(resolve, 50));
    queue.yieldTo(150); // another message handled meanwhile
    await queue.idle();
    expect(written).toHaveLength(1);
    expect(written[0]! - started).toBeGreaterThanOrEqual(195);
  });
});

describe('contract document queue beside the outbox', () => {
  it('waits while the outbox is sending', async () => {
    let sending = true;
    const written: string[] = [];
    const queue = new ContractDocumentQueue(
      { contractForProtocol: async () => 'c1', contractsWithoutDocument: async () => [] },
      { ensureDocument: async (id) => void written.push(id) },
      createLogger('silent'),
      () => sending,
    );
    queue.enqueueProtocol('2027/0000001');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written).toEqual([]);
    sending = false;
    await queue.idle();
    expect(written).toEqual(['c1']);
  });
});

describe('contract document queue at shutdown', () => {
  it('does not hold a shutdown for a document that takes long', async () => {
    const queue = new ContractDocumentQueue(
      { contractForProtocol: async () => 'slow', contractsWithoutDocument: async () => [] },
      { ensureDocument: () => new Promise((resolve) => setTimeout(resolve, 5_000)) },
      createLogger('silent'),
    );
    queue.enqueueProtocol('2027/0000001');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await queue.stop(100);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('contract document queue after a restart', () => {
  it('catches up only once the mail side has started and the intake has been quiet', async () => {
    const written: number[] = [];
    const queue = new ContractDocumentQueue(
      { contractForProtocol: async () => null, contractsWithoutDocument: async () => ['c1'] },
      { ensureDocument: async () => void written.push(Date.now()) },
      createLogger('silent'),
    );
    let mailStarted!: () => void;
    queue.holdUntil(new Promise<void>((resolve) => (mailStarted = resolve)), 100);
    await queue.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(written).toEqual([]);
    const startedAt = Date.now();
    mailStarted();
    await queue.idle();
    expect(written).toHaveLength(1);
    expect(written[0]! - startedAt).toBeGreaterThanOrEqual(95);
  });
});
