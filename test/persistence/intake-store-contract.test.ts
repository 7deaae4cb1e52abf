import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import type { InboundMessageInput, IntakeDecision, IntakeStore } from '../../services/intake/intake-store.js';
import { staffRecipient, teamsText } from '../../services/outbox/outbox-message.js';
import { InMemoryIntakeStore } from '../support/fakes/in-memory-intake-store.js';
import { acknowledged } from '../support/intake-decisions.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

// The promises of IntakeStore (services/intake/intake-store.ts), checked through the interface alone
// on every implementation: the in-memory fake the fast tests use, and Prisma on PGlite and PostgreSQL.

function message(dedupeKey = `<${randomUUID()}@comune.example>`): InboundMessageInput {
  const raw = new TextEncoder().encode(`Message-ID: ${dedupeKey}\r\n\r\nciao`);
  return {
    mailbox: 'INBOX',
    dedupeKey,
    messageId: dedupeKey,
    contentHash: createHash('sha256').update(raw).digest('hex'),
    uidValidity: 1n,
    uid: 1n,
    receivedAt: new Date('2027-02-10T08:15:00Z'),
    fromAddress: 'servizi.sociali@comune.crema.cr.it',
    raw,
    sha256: createHash('sha256').update(raw).digest('hex'),
  };
}

const numbered = (year: number, number: number, key: string): IntakeDecision =>
  acknowledged(`${year}-02-10`, number, [teamsText(key, staffRecipient, 'ok')]);

const implementations: [string, () => Promise<{ store: IntakeStore; close: () => Promise<void> }>][] = [
  ['in memory', async () => ({ store: new InMemoryIntakeStore(), close: async () => undefined })],
  ...databaseKinds.map(
    ([kind, create]): [string, () => Promise<{ store: IntakeStore; close: () => Promise<void> }>] => [
      kind,
      async () => {
        const db = await officeDatabase(create);
        return { store: new PrismaIntakeStore(db.database), close: () => db.close() };
      },
    ],
  ),
];

describe.each(implementations)('the IntakeStore contract, %s', (_name, open) => {
  let store: IntakeStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await open());
  }, 60_000);
  afterAll(async () => {
    await close();
  });

  it('registers a message once, however often it is delivered, and counts its attempts', async () => {
    const input = message();
    const first = await store.register(input);
    const again = await store.register(input);
    expect(first.isNew).toBe(true);
    expect(again).toMatchObject({ id: first.id, isNew: false, state: 'registered' });
    const [batchFirst, other, repeated] = await store.registerAll([message(), message(), input]);
    expect([batchFirst!.isNew, other!.isNew, repeated!.isNew]).toEqual([true, true, false]);
    expect(repeated!.id).toBe(first.id);
    expect(await store.startAttempts([first.id])).toEqual([1]);
    expect(await store.startAttempts([first.id])).toEqual([2]);
  });

  it('numbers without gaps: a completion under a number that is not the next one writes nothing', async () => {
    const year = 2040;
    expect(await store.nextProtocolNumber(year)).toBe(1);
    const a = await store.register(message());
    expect(await store.complete(a.id, numbered(year, 2, `contract-a-${a.id}`))).toEqual({
      status: 'number_taken',
      next: 1,
    });
    expect(await store.complete(a.id, numbered(year, 1, `contract-a-${a.id}`))).toEqual({
      status: 'completed',
      protocol: '2040/0000001',
    });
    expect(await store.nextProtocolNumber(year)).toBe(2);
  });

  it('completes a message once: a second completion changes nothing and gives the same number', async () => {
    const year = 2041;
    const a = await store.register(message());
    expect(await store.complete(a.id, numbered(year, 1, `contract-b-${a.id}`))).toMatchObject({
      status: 'completed',
    });
    expect(await store.complete(a.id, numbered(year, 2, `contract-c-${a.id}`))).toEqual({
      status: 'already_completed',
      protocol: '2041/0000001',
    });
    expect(await store.nextProtocolNumber(year)).toBe(2);
  });

  it('completes a group in order, or none of it when one of its numbers is taken', async () => {
    const year = 2042;
    const [a, b] = await store.registerAll([message(), message()]);
    const group = (first: number) => [
      { inboundId: a!.id, decision: numbered(year, first, `contract-d-${a!.id}`) },
      { inboundId: b!.id, decision: numbered(year, first + 1, `contract-d-${b!.id}`) },
    ];
    expect(await store.completeAll(group(2))).toMatchObject({ status: 'number_taken', next: 1 });
    expect(await store.nextProtocolNumber(year)).toBe(1);
    expect(await store.completeAll(group(1))).toEqual({
      status: 'completed',
      results: [
        { status: 'completed', protocol: '2042/0000001' },
        { status: 'completed', protocol: '2042/0000002' },
      ],
    });
  });
});
