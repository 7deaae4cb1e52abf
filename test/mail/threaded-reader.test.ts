import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCounterparts } from '../support/fakes/in-memory-counterparts.js';
import { createLogger } from '../../app/logger.js';
import { AppError } from '../../domain/app-error.js';
import { triageToJson } from '../../domain/triage/triage-json.js';
import { MailIntake } from '../../services/intake/mail-intake.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { readMessage } from '../../mail/parsing/read-message.js';
import { threadScript } from '../../app/thread-scripts.js';
import { ThreadedMessageReader } from '../../mail/parsing/threaded-message-reader.js';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { composeEml } from '../support/compose-mail.js';
import { sadRequest } from '../support/generated-mail.js';
import { requestMails } from '../support/request-mail.js';
import { migratedDatabase, scratchPglite } from '../support/test-databases.js';

const requests = await requestMails();
const readOptions = {
  limits: defaultMailLimits,
  ownAddresses: ['amministrazione@comunitasocialecremasca.it'],
};
const deliveredAt = new Date('2027-02-10T09:00:00Z');
const reader = (limits: { timeoutMs?: number; memoryMb?: number } = {}) =>
  new ThreadedMessageReader(
    { threads: 1, timeoutMs: 30_000, memoryMb: 1024, ...limits, ...readOptions },
    createLogger('silent'),
    threadScript('message-reader-worker'),
  );

/** A message whose reading takes a second and a lot of memory: 22 MB of HTML. */
const heavyHtml = () =>
  composeEml({
    from: 'servizi.sociali@comune.crema.cr.it',
    to: 'amministrazione@comunitasocialecremasca.it',
    subject: 'Pagina molto lunga',
    messageId: '<heavy-html@comune.crema.cr.it>',
    html: `<html><body>${'<p>COGNOME Rossi NOME Mario</p>'.repeat(700_000)}</body></html>`,
  });

describe('reading messages on worker threads', () => {
  it('reads every sample exactly as the calling thread does', async () => {
    const threaded = reader();
    try {
      for (const { name, raw } of requests) {
        const [onThread, here] = await Promise.all([
          threaded.read(raw, deliveredAt),
          readMessage(raw, deliveredAt, readOptions),
        ]);
        expect(triageToJson(onThread.result), name).toEqual(triageToJson(here.result));
        expect(onThread.parsed.attachments.length, name).toBe(here.parsed.attachments.length);
      }
    } finally {
      await threaded.close();
    }
  }, 60_000);

  it.each([
    {
      limit: 'takes too long',
      options: { timeoutMs: 200 },
      next: 'after-timeout',
      reason: 'la lettura del messaggio ha superato un secondo',
    },
    {
      limit: 'needs more memory than allowed',
      options: { memoryMb: 64 },
      next: 'after-memory',
      reason: 'la lettura del messaggio richiede più di 64 MB di memoria',
    },
  ])(
    'gives up a message that $limit, with its reason, and reads the next one',
    async ({ options, next: nextId, reason }) => {
      const threaded = reader(options);
      try {
        await expect(threaded.read(await heavyHtml(), deliveredAt)).rejects.toMatchObject({
          code: 'mail_unreadable',
          userMessage: reason,
        });
        const next = await threaded.read(Buffer.from(sadRequest(nextId)), deliveredAt);
        expect(next.result.kind).toBe('activation');
      } finally {
        await threaded.close();
      }
    },
    60_000,
  );
});

describe('the intake when messages cannot be read at all', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    db = await migratedDatabase(scratchPglite);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('leaves the message registered for the next attempt instead of quarantining it', async () => {
    const unavailable = {
      read: () => Promise.reject(new AppError('mail_reader_unavailable', 'reader thread did not start')),
    };
    const intake = new MailIntake(
      new PrismaIntakeStore(db.database),
      new InMemoryCounterparts(),
      unavailable,
      {
        limits: defaultMailLimits,
        maxRepliesPerSenderPerHour: 100,
        maxRepliesPerMunicipalityPerHour: 1000,
        senderCheck: { mode: 'off' },
        maxAttempts: 10,
        signature: ['Ufficio Amministrazione'],
        messageIdDomain: 'sportello.test',
        parallelParsing: 4,
      },
      createLogger('silent'),
    );
    const message = {
      mailbox: 'INBOX',
      uidValidity: 1n,
      uid: 1n,
      internalDate: deliveredAt,
      size: 2000,
      raw: Buffer.from(sadRequest('reader-down')),
    };
    await expect(intake.handle(message)).rejects.toMatchObject({ code: 'mail_reader_unavailable' });
    const row = await db.database.prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<reader-down@comune.crema.cr.it>' },
    });
    expect(row.state).toBe('registered');
    expect(row.quarantineReason).toBeNull();
  }, 30_000);
});
