import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar/calendar-date.js';
import { PrismaRetentionStore } from '../../prisma/repositories/prisma-retention-store.js';
import { Retention } from '../../services/retention/retention.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { cremaSocialWorker, testStaff } from '../support/contract-services.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { taxCodeOf } from '../support/tax-codes.js';
import type { migratedDatabase } from '../support/test-databases.js';
import { databaseKinds, officeDatabase } from '../support/test-databases.js';

const now = new Date('2026-12-07T10:00:00Z');
const docx = new TextEncoder().encode('contratto di avvio (copia di lavoro)');
const rossi = taxCodeOf({ surname: 'Rossi', name: 'Giovanni', birth: '1946-02-11', female: false });

// Issue 26: working copies replaced by their impronta after RETENTION_RAW_DAYS, files offered for
// discard after RETENTION_YEARS and discarded only when staff approve, the read log kept 24 months.
describe.each(databaseKinds)('retention on %s', (_kind, create) => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let old: string;
  let recent: string;
  let retention: Retention;

  beforeAll(async () => {
    db = await officeDatabase(create);
    const prisma = db.database.prisma;
    old = (await acceptedRequest(db.database, { receivedOn: '2015-02-10' })).protocol;
    const draft = sadActivation({
      beneficiary: {
        surname: 'Rossi',
        name: 'Giovanni',
        taxCode: rossi,
        birthDate: calendarDate('1946-02-11'),
      },
    });
    recent = (await acceptedRequest(db.database, { receivedOn: '2026-11-10', draft })).protocol;
    // The old request's project ended in 2015, its contract was written then.
    const request = await prisma.request.findUniqueOrThrow({ where: { protocol: old } });
    await prisma.project.update({
      where: { id: request.projectId! },
      data: { status: 'ended', endDate: new Date('2015-12-31T00:00:00Z') },
    });
    await prisma.contract.updateMany({ where: { requestId: request.id }, data: { docx } });
    await prisma.$executeRaw`
      INSERT INTO read_log (at, actor, actor_name, role, action)
      VALUES (now() - interval '25 months', 'x', 'x', 'staff', 'command_history'),
             (now(), 'y', 'y', 'staff', 'command_history')`;
    retention = new Retention(new PrismaRetentionStore(db.database), {
      rawDays: 365,
      years: 10,
      readLogMonths: 24,
    });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('replaces the closed working copies by their impronta, proposes the old file, trims the read log', async () => {
    const prisma = db.database.prisma;
    const summary = await retention.run(now);
    expect(summary).toBe(
      "copie di lavoro sostituite dall'impronta: 1 messaggi, 1 contratti; fascicoli proposti per lo scarto: 1; voci del registro degli accessi oltre 24 mesi eliminate: 1",
    );
    const messageOf = (protocol: string) =>
      prisma.request
        .findUniqueOrThrow({ where: { protocol } })
        .then((request) =>
          prisma.inboundMessage.findUniqueOrThrow({ where: { id: request.inboundMessageId! } }),
        );
    const kept = await messageOf(old);
    expect([kept.raw.byteLength, kept.rawDiscardedAt, kept.sha256]).toEqual([
      0,
      expect.any(Date),
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    expect((await messageOf(recent)).raw.byteLength).toBeGreaterThan(0);
    const contract = await prisma.contract.findFirstOrThrow({ where: { request: { protocol: old } } });
    expect([contract.docx, contract.docxSha256]).toEqual([
      null,
      createHash('sha256').update(docx).digest('hex'),
    ]);
    expect(await prisma.readLogEntry.count()).toBe(1);
    expect(await retention.run(now)).toBe('già eseguita oggi');
  });

  it('discards a file only when staff approve it: the person made anonymous, the register kept', async () => {
    const prisma = db.database.prisma;
    expect(await retention.proposals(cremaSocialWorker)).toMatchObject({
      outcome: 'refused',
      code: 'not_staff',
    });
    const proposals = await retention.proposals(testStaff);
    expect(
      Array.isArray(proposals) && proposals.map(({ beneficiary, taxCode }) => ({ beneficiary, taxCode })),
    ).toEqual([{ beneficiary: 'Bianchi Maria', taxCode: 'BNCMRA50D43D142D' }]);
    const [proposal] = proposals as { id: string }[];
    expect(await retention.approve(cremaSocialWorker, proposal!.id)).toMatchObject({ code: 'not_staff' });
    const done = await retention.approve(testStaff, proposal!.id);
    expect(done).toMatchObject({ outcome: 'discarded', summary: { persona: 1, richieste: 1 } });
    const person = await prisma.beneficiary.findFirstOrThrow({
      where: { requests: { some: { protocol: old } } },
    });
    expect([person.surname, person.taxCode]).toEqual(['(scartato)', expect.stringMatching(/^SCARTATO-/)]);
    const request = await prisma.request.findUniqueOrThrow({ where: { protocol: old } });
    expect([request.fields, request.protocol, request.receivedAt]).toEqual([
      { scartato: true },
      old,
      expect.any(Date),
    ]);
    expect(
      await prisma.auditLog.count({
        where: { action: 'beneficiary_discarded', actor: testStaff.teamsUserId },
      }),
    ).toBe(1);
    expect(await retention.approve(testStaff, proposal!.id)).toMatchObject({ code: 'already_done' });
    // The other person is untouched.
    expect(await prisma.beneficiary.count({ where: { taxCode: rossi } })).toBe(1);
  });
});
