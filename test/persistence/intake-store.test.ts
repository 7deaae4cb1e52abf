import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessageInput, NewProject } from '../../services/intake/intake-store.js';
import { staffRecipient, teamsText } from '../../services/outbox/outbox-message.js';
import { completeNumbered } from '../support/accepted-request.js';
import { acknowledged } from '../support/intake-decisions.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { databaseKinds, migratedDatabase } from '../support/test-databases.js';

function message(overrides: Partial<InboundMessageInput> = {}): InboundMessageInput {
  const raw = new TextEncoder().encode(`Message-ID: <${randomUUID()}@comune.example>\r\n\r\nciao`);
  const hash = createHash('sha256').update(raw).digest('hex');
  return {
    mailbox: 'INBOX',
    dedupeKey: `<${randomUUID()}@comune.example>`,
    messageId: null,
    contentHash: hash,
    uidValidity: 1_700_000_000n,
    uid: 1n,
    receivedAt: new Date('2027-02-10T08:15:00Z'),
    sha256: hash,
    fromAddress: 'servizi.sociali@comune.crema.cr.it',
    raw,
    ...overrides,
  };
}

describe.each(databaseKinds)('intake store on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: PrismaIntakeStore;

  beforeAll(async () => {
    db = await migratedDatabase(create);
    await db.database.prisma.municipality.create({
      data: { istatCode: '019035', cadastralCode: 'D142', name: 'Crema' },
    });
    store = new PrismaIntakeStore(db.database);
  }, 30_000);
  afterAll(async () => {
    await db.close();
  });

  it('registers a message once under 20 concurrent deliveries', async () => {
    const input = message();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.register(input)));
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await db.database.prisma.inboundMessage.count({ where: { dedupeKey: input.dedupeKey } })).toBe(1);
  });

  it('recognises a message seen again after a UIDVALIDITY reset', async () => {
    const input = message();
    const first = await store.register(input);
    const again = await store.register({ ...input, uidValidity: 42n, uid: 1n });
    expect(again).toMatchObject({ id: first.id, isNew: false, state: 'registered' });
  });

  it('numbers 20 concurrent requests without gaps or duplicates', async () => {
    const messages = await Promise.all(Array.from({ length: 20 }, () => store.register(message())));
    // Each completion expects the next number; those that lose a race decide again under the next one.
    const results = await Promise.all(
      messages.map((m) => completeNumbered(store, m.id, 2028, (p) => acknowledged('2028-03-01', p.number))),
    );
    const numbers = results.map((result) => result.protocol).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `2028/${String(i + 1).padStart(7, '0')}`));
    expect(await db.database.prisma.request.count({ where: { protocolYear: 2028 } })).toBe(20);
  });

  it('completes a message once: a second completion gives the same protocol and sends nothing new', async () => {
    const registered = await store.register(message());
    const messages = [teamsText(`reply:${registered.id}`, staffRecipient, 'pratica 2029/0000001')];
    const first = await store.complete(registered.id, acknowledged('2029-01-05', 1, messages));
    const second = await store.complete(registered.id, acknowledged('2029-01-05', 1, messages));
    expect(first).toEqual({ status: 'completed', protocol: '2029/0000001' });
    expect(second).toEqual({ status: 'already_completed', protocol: '2029/0000001' });
    expect(
      await db.database.prisma.outboxMessage.count({ where: { idempotencyKey: `reply:${registered.id}` } }),
    ).toBe(1);
    expect(await db.database.prisma.request.count({ where: { protocolYear: 2029 } })).toBe(1);
  });

  it('writes nothing under a number that is not the next one, leaving no gap in the numbering', async () => {
    const registered = await store.register(message());
    const skipping = acknowledged('2030-06-01', 5, [teamsText('too-early', staffRecipient, 'x')]);
    expect(await store.complete(registered.id, skipping)).toEqual({ status: 'number_taken', next: 1 });
    expect(await db.database.prisma.outboxMessage.count({ where: { idempotencyKey: 'too-early' } })).toBe(0);
    expect(await db.database.prisma.request.count({ where: { protocolYear: 2030 } })).toBe(0);
    const row = await db.database.prisma.inboundMessage.findUniqueOrThrow({ where: { id: registered.id } });
    expect(row.state).toBe('registered');
    expect(await db.database.prisma.auditLog.count({ where: { entityId: registered.id } })).toBe(0);
    const retried = await store.complete(registered.id, acknowledged('2030-06-01', 1));
    expect(retried).toEqual({ status: 'completed', protocol: '2030/0000001' });
  });
  it('registers a batch in one statement, a key twice in it answered with the first row', async () => {
    const first = message();
    const again = { ...first, uid: 9n };
    const other = message();
    const rows = await store.registerAll([first, other, again]);
    expect(rows.map((row) => row.isNew)).toEqual([true, true, false]);
    expect(rows[2]!.id).toBe(rows[0]!.id);
    expect(rows[1]!.id).not.toBe(rows[0]!.id);
    expect((await store.registerAll([other])).map((row) => row.isNew)).toEqual([false]);
    expect(await store.startAttempts([rows[0]!.id, rows[1]!.id])).toEqual([1, 1]);
    expect(await store.startAttempts([rows[1]!.id])).toEqual([2]);
  });

  it('completes a group in one transaction, or nothing of it when a number in it is taken', async () => {
    const [a, b, c] = await store.registerAll([message(), message(), message()]);
    const group = (numbers: number[]) =>
      [a!, b!, c!].map((row, index) => ({
        inboundId: row.id,
        decision: acknowledged('2031-03-02', numbers[index]!, [
          teamsText(`group:${row.id}:${numbers[index]}`, staffRecipient, 'x'),
        ]),
      }));
    // Rolled back whole, the group gave no number back: 1 is still the next free one.
    expect(await store.completeAll(group([1, 2, 4]))).toEqual({
      status: 'number_taken',
      year: 2031,
      next: 1,
    });
    expect(await db.database.prisma.request.count({ where: { protocolYear: 2031 } })).toBe(0);
    expect(
      await db.database.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'group:' } } }),
    ).toBe(0);
    const done = await store.completeAll(group([1, 2, 3]));
    expect(done).toEqual({
      status: 'completed',
      results: ['2031/0000001', '2031/0000002', '2031/0000003'].map((protocol) => ({
        status: 'completed',
        protocol,
      })),
    });
  });

  it('writes a group opening projects in one go: one beneficiary per person, a draft contract each', async () => {
    const rows = await store.registerAll([message(), message(), message()]);
    const opening = (number: number, startDate: string) => {
      const plain = acknowledged('2032-01-11', number);
      return { ...plain, request: { ...plain.request!, opens: newProjectOf('RSSMRA80A01D142X', startDate) } };
    };
    const decisions = [opening(1, '2032-02-01'), acknowledged('2032-01-11', 2), opening(3, '2032-03-01')];
    const done = await store.completeAll(
      rows.map((row, i) => ({ inboundId: row.id, decision: decisions[i]! })),
    );
    expect(done.status).toBe('completed');
    const requests = await db.database.prisma.request.findMany({
      where: { protocolYear: 2032 },
      orderBy: { protocolNumber: 'asc' },
      include: { contracts: { include: { history: true } } },
    });
    expect(requests.map((request) => request.protocol)).toEqual([
      '2032/0000001',
      '2032/0000002',
      '2032/0000003',
    ]);
    const people = await db.database.prisma.beneficiary.findMany({ where: { taxCode: 'RSSMRA80A01D142X' } });
    expect(people).toHaveLength(1);
    expect(requests.map((request) => request.beneficiaryId)).toEqual([people[0]!.id, null, people[0]!.id]);
    const projects = await db.database.prisma.project.findMany({
      where: { id: { in: requests.flatMap((request) => (request.projectId ? [request.projectId] : [])) } },
      orderBy: { startDate: 'asc' },
    });
    expect(projects.map((project) => [project.status, project.committedBudgetCents])).toEqual([
      ['pending', 120_000],
      ['pending', 120_000],
    ]);
    expect(requests.map((request) => request.contracts.map((contract) => contract.history.length))).toEqual([
      [1],
      [],
      [1],
    ]);
    const audit = await db.database.prisma.auditLog.count({
      where: { action: 'request_registered', entityId: { in: requests.map((request) => request.id) } },
    });
    expect(audit).toBe(3);
  });

  it('writes a group one message at a time when one of them was completed meanwhile', async () => {
    const [a, b, c] = await store.registerAll([message(), message(), message()]);
    expect(await store.complete(b!.id, acknowledged('2033-04-01', 1))).toEqual({
      status: 'completed',
      protocol: '2033/0000001',
    });
    const done = await store.completeAll([
      { inboundId: a!.id, decision: acknowledged('2033-04-01', 2) },
      { inboundId: b!.id, decision: acknowledged('2033-04-01', 3) },
      { inboundId: c!.id, decision: acknowledged('2033-04-01', 3) },
    ]);
    expect(done).toEqual({
      status: 'completed',
      results: [
        { status: 'completed', protocol: '2033/0000002' },
        { status: 'already_completed', protocol: '2033/0000001' },
        { status: 'completed', protocol: '2033/0000003' },
      ],
    });
  });
});

function newProjectOf(taxCode: string, startDate: string): NewProject {
  return {
    beneficiary: {
      taxCode,
      surname: 'Rossi',
      name: 'Mario',
      birthDate: '1980-01-01',
      municipalityId: '019035',
    },
    service: 'SAD',
    coPayingMunicipalityId: null,
    coPayingOutsideAmbito: null,
    providerName: null,
    providerId: null,
    startDate,
    endDate: null,
    annualMinutes: 6000,
    committedBudgetCents: 120_000,
    operatorProfile: null,
    upperSecondary: false,
    placedMinor: false,
    dayUnitId: null,
  };
}
