import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCounterparts } from '../support/fakes/in-memory-counterparts.js';
import { createLogger } from '../../app/logger.js';
import { MailIntake, type FetchedMessage } from '../../services/intake/mail-intake.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { inThreadReader } from '../../mail/parsing/read-message.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { sadRequest } from '../support/generated-mail.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

// What the intake does with messages a dead process left half-done: the one it keeps dying on is
// quarantined after three attempts, the ones that were only in flight beside it are answered.
describe('mail intake after a process died mid-batch', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: PrismaIntakeStore;
  let intake: MailIntake;

  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
    await syncMunicipalities(db.database);
    store = new PrismaIntakeStore(db.database);
    intake = new MailIntake(
      store,
      new InMemoryCounterparts(),
      inThreadReader({
        limits: defaultMailLimits,
        ownAddresses: ['amministrazione@comunitasocialecremasca.it'],
      }),
      {
        limits: defaultMailLimits,
        maxRepliesPerSenderPerHour: 1000,
        maxRepliesPerMunicipalityPerHour: 1000,
        senderCheck: { mode: 'off' },
        maxAttempts: 3,
        signature: ['Ufficio Amministrazione'],
        messageIdDomain: 'sportello.test',
        parallelParsing: 4,
      },
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const fetched = (id: string): FetchedMessage => {
    const raw = new TextEncoder().encode(sadRequest(id, new Date('2027-02-10T09:00:00Z')));
    return {
      mailbox: 'INBOX',
      uidValidity: 1n,
      uid: null,
      internalDate: new Date(),
      size: raw.byteLength,
      raw,
    };
  };

  it('quarantines only the message every crash happened on', async () => {
    const batch = ['culprit', 'bystander-1', 'bystander-2'].map((name) => fetched(`${name}-${Date.now()}`));
    // Three earlier runs died while the culprit was being handled; one of them with both bystanders
    // in flight too.
    const registered = await intake['register'](batch);
    for (let crash = 0; crash < 3; crash += 1) await store.startAttempts([registered[0]!.row.id]);
    await store.startAttempts([registered[1]!.row.id, registered[2]!.row.id]);

    expect(await intake.handleBatch(batch)).toEqual(['quarantine', 'processed', 'processed']);
    const rows = await db.database.prisma.inboundMessage.findMany({
      where: { id: { in: registered.map((entry) => entry.row.id) } },
      select: { id: true, state: true, quarantineReason: true, attempts: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(registered[0]!.row.id)).toMatchObject({
      state: 'quarantined',
      quarantineReason: 'elaborazione non riuscita dopo 3 tentativi',
      attempts: 4,
    });
    expect(byId.get(registered[1]!.row.id)).toMatchObject({ state: 'processed', attempts: 2 });
  });

  it('counts no attempt for a message that was only registered, not started', async () => {
    const message = fetched(`registered-only-${Date.now()}`);
    for (let restart = 0; restart < 5; restart += 1) await intake['register']([message]);
    expect(await intake.handleBatch([message])).toEqual(['processed']);
  });
});
