import { createLogger } from '../../app/logger.js';
import { defaultMailLimits } from '../../mail/parsing/mail-limits.js';
import { inThreadReader } from '../../mail/parsing/read-message.js';
import { MailIntake, type FetchedMessage } from '../../services/intake/mail-intake.js';
import type { MessageReader } from '../../services/intake/message-reader.js';
import type { NoticeOffice } from '../../services/intake/procedure-notice.js';
import { InMemoryCounterparts } from './fakes/in-memory-counterparts.js';
import type { IntakeStore } from '../../services/intake/intake-store.js';

/** When the unit tests' messages arrive (a Wednesday of February 2027). */
export const receivedAt = new Date('2027-02-10T08:15:00Z');

/** The mail intake over a store (in memory, or the database's), reading in the test's thread. */
export function intakeOn(
  store: IntakeStore,
  options: {
    maxRepliesPerSenderPerHour?: number;
    notice?: NoticeOffice;
    readsTogether?: number;
    clock?: () => Date;
  } = {},
) {
  const reader = inThreadReader({
    limits: defaultMailLimits,
    ownAddresses: ['amministrazione@comunitasocialecremasca.it'],
  });
  return new MailIntake(
    store,
    new InMemoryCounterparts(),
    options.readsTogether ? readTogether(reader, options.readsTogether) : reader,
    {
      limits: defaultMailLimits,
      maxRepliesPerSenderPerHour: options.maxRepliesPerSenderPerHour ?? 100,
      maxRepliesPerMunicipalityPerHour: 1000,
      senderCheck: { mode: 'off' },
      maxAttempts: 3,
      signature: ['Ufficio Amministrazione'],
      messageIdDomain: 'sportello.test',
      parallelParsing: options.readsTogether ?? 2,
      ...(options.notice ? { notice: options.notice } : {}),
    },
    createLogger('silent'),
    options.clock ?? (() => receivedAt),
  );
}

/** Every read finishes only once `count` have been read, as when a backlog is read on worker threads. */
function readTogether(reader: MessageReader, count: number): MessageReader {
  let finished = 0;
  let release!: () => void;
  const allFinished = new Promise<void>((resolve) => (release = resolve));
  return {
    async read(raw, deliveredAt) {
      const read = await reader.read(raw, deliveredAt);
      if (++finished === count) release();
      await allFinished;
      return read;
    },
  };
}

/** A message as the watcher would hand it over. */
export function fetched(raw: string, uid = 1n): FetchedMessage {
  const bytes = new TextEncoder().encode(raw);
  return { mailbox: 'INBOX', uidValidity: 1n, uid, internalDate: receivedAt, size: bytes.length, raw: bytes };
}
