import { ensureDovecot, uniqueMailUser } from './dovecot.js';
import { startInProcess } from './in-process-sportello.js';
import { testPecProvidersFolder } from './pec-signing.js';
import { SmtpCapture } from './smtp-capture.js';
import type { ScratchDatabase } from './test-databases.js';

/**
 * Sportello in this process, watching a mailbox of its own on the local Dovecot and replying to
 * an SMTP capture, on a scratch database: the set-up of the mail suites that go end to end.
 */
export async function startOnMailbox(options: {
  /** Prefix of the mailbox user, so that a suite's messages are its own. */
  readonly mailbox: string;
  readonly database: () => Promise<ScratchDatabase>;
  readonly env?: Record<string, string>;
}) {
  ensureDovecot();
  const capture = new SmtpCapture();
  await capture.start();
  const scratch = await options.database().catch(async (error: unknown) => {
    await capture.stop();
    throw error;
  });
  const user = uniqueMailUser(options.mailbox);
  try {
    const sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      IMAP_USER: user,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(capture.port),
      // The office's list of accredited PEC providers: the tests' throw-away provider.
      PEC_TRUSTED_PROVIDERS: testPecProvidersFolder(),
      ...options.env,
    });
    return {
      user,
      capture,
      scratch,
      sportello,
      async stop() {
        await sportello.stop();
        await capture.stop();
        await scratch.drop();
      },
    };
  } catch (error) {
    await capture.stop();
    await scratch.drop();
    throw error;
  }
}
