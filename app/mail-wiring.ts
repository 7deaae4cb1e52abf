import { threadScript } from './thread-scripts.js';
import type { Logger } from 'pino';
import { messageTrust } from './message-trust.js';
import { EmailSender } from '../mail/smtp/email-sender.js';
import { ImapWatcher } from '../mail/imap/imap-watcher.js';
import { MailIntake } from '../services/intake/mail-intake.js';
import { inThreadReader } from '../mail/parsing/read-message.js';
import { ThreadedMessageReader } from '../mail/parsing/threaded-message-reader.js';
import { detectOcr, type OcrOptions } from '../mail/parsing/scan-ocr.js';
import { ClientCredentialsTokenProvider } from '../mail/oauth/access-token-provider.js';
import type { Database } from '../prisma/database/database.js';
import { PrismaIntakeStore } from '../prisma/repositories/prisma-intake-store.js';
import { PrismaCounterpartDirectory } from '../prisma/repositories/prisma-counterpart-directory.js';
import type { SportelloConfig } from './config.js';
import type { ContractDocumentQueue } from '../services/contracts/contract-document-queue.js';
import type { OutboxDispatcher } from '../services/outbox/outbox-dispatcher.js';
import { RegisteredRecipientsOnly } from '../services/outbox/registered-recipients-only.js';

/** Tesseract and pdftoppm when the config allows OCR and they are installed (asked once, at start). */
export async function prepareOcr(config: SportelloConfig) {
  return config.mail.ocr ? detectOcr({ memoryMb: config.mail.reader.memoryMb }) : null;
}

/** The mail side as the composition root holds it. */
export type WiredMail = ReturnType<typeof wireMail>;

/** The mail side of Sportello, built from the config: intake, watcher and the e-mail channel. */
export function wireMail(
  config: SportelloConfig,
  database: Database,
  outbox: OutboxDispatcher,
  contractDocuments: ContractDocumentQueue,
  logger: Logger,
  ocr: (OcrOptions & { version: string }) | null = null,
) {
  const mail = config.mail;
  const oauth = mail.oauth ? new ClientCredentialsTokenProvider(mail.oauth) : null;
  const readOptions = {
    limits: mail.limits,
    ownAddresses: mail.ownAddresses,
    ocr,
    trust: messageTrust(mail),
  };
  const reader =
    mail.reader.threads > 0
      ? new ThreadedMessageReader(
          { ...mail.reader, ...readOptions },
          logger.child({ component: 'mail-reader' }),
          threadScript('message-reader-worker'),
        )
      : inThreadReader(readOptions);
  const counterparts = new PrismaCounterpartDirectory(database);
  const intake = new MailIntake(
    new PrismaIntakeStore(database),
    counterparts,
    reader,
    {
      limits: mail.limits,
      maxRepliesPerSenderPerHour: mail.maxRepliesPerSenderPerHour,
      maxRepliesPerMunicipalityPerHour: mail.maxRepliesPerMunicipalityPerHour,
      senderCheck: mail.senderCheck,
      // High enough that a few unrelated crashes (deploys, OOM kills) never quarantine a good message.
      maxAttempts: 10,
      signature: config.office.signature,
      messageIdDomain: config.office.messageIdDomain,
      notice: config.office.notice,
      parallelParsing: 4,
    },
    logger.child({ component: 'mail-intake' }),
  );
  // A reply or a staff notice was just queued: send it now rather than at the next poll.
  intake.onOutcome(({ protocol }) => {
    outbox.wake();
    // An accepted request's contract is written in the background, once the intake is quiet.
    contractDocuments.yieldTo();
    if (protocol) contractDocuments.enqueueProtocol(protocol);
  });
  const sender = new EmailSender(
    mail.outgoing.kind === 'smtp'
      ? { ...mail.outgoing, oauth, from: mail.from }
      : { ...mail.outgoing, from: mail.from },
  );
  outbox.registerEmail(new RegisteredRecipientsOnly(sender, counterparts, mail.ownAddresses));
  const watcher = mail.watcherEnabled
    ? new ImapWatcher(
        {
          ...mail.imap,
          oauth,
          folders: mail.imap.folders,
          reconnectMinDelayMs: 250,
          reconnectMaxDelayMs: 30_000,
          maxMessageBytes: mail.limits.maxMessageBytes,
        },
        intake,
        logger.child({ component: 'imap-watcher' }),
      )
    : null;
  return {
    intake,
    /** The reader threads, for the console to show what was read of a message put aside. */
    reader,
    watcher,
    /** What /health says of reading scans. */
    ocrHealth: ocr
      ? { ok: true, detail: `Tesseract ${ocr.version}, italiano` }
      : { ok: true, detail: 'OCR non installato: le scansioni vanno allo staff' },
    start() {
      watcher?.start();
    },
    async stop() {
      await watcher?.stop();
      await reader.close();
      sender.close();
    },
  };
}
