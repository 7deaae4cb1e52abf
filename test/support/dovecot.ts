import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { projectRoot } from './start-process.js';

export const dovecotRoot = process.env.SPORTELLO_DOVECOT_ROOT ?? '/tmp/sportello-dovecot';
export const imapPort = Number(process.env.SPORTELLO_TEST_IMAP_PORT ?? 10143);
export const lmtpPort = Number(process.env.SPORTELLO_TEST_LMTP_PORT ?? 10024);
export const oauthPort = Number(process.env.SPORTELLO_TEST_OAUTH_PORT ?? 10980);

let ensured = false;

/** Installs (first time) and starts the project's Dovecot; cheap when it is already running. */
export function ensureDovecot(): void {
  if (ensured) return;
  execFileSync('bash', ['test/services/ensure-services.d/dovecot.sh'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  ensured = true;
}

/** A mailbox of its own for a test (Dovecot accepts any user name with password "secret"). */
export function uniqueMailUser(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.sportello`;
}

export async function imapClient(user: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: imapPort,
    secure: false,
    auth: { user, pass: 'secret' },
    logger: false,
  });
  await client.connect();
  return client;
}

/**
 * Drops messages into a mailbox as a mail server would have delivered them: the receipt time
 * (INTERNALDATE) is the message's Date header, so that dated samples keep their meaning.
 */
export async function appendMessages(
  user: string,
  messages: readonly (string | Uint8Array)[],
  flags: string[] = [],
): Promise<void> {
  const client = await imapClient(user);
  try {
    for (const message of messages)
      await client.append('INBOX', Buffer.from(message), flags, dateHeader(message));
  } finally {
    await client.logout();
  }
}

function dateHeader(message: string | Uint8Array): Date | undefined {
  const head =
    Buffer.from(message)
      .subarray(0, 16_384)
      .toString('latin1')
      .split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = /^date:\s*(.+)$/im.exec(head);
  const date = match ? new Date(match[1]!.trim()) : null;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Number of messages in each folder of a mailbox. */
export async function folderCounts(
  user: string,
  folders: readonly string[],
): Promise<Record<string, number>> {
  const client = await imapClient(user);
  try {
    const counts: Record<string, number> = {};
    for (const folder of folders) {
      counts[folder] = await client
        .status(folder, { messages: true })
        .then((status) => (status ? (status.messages ?? 0) : 0))
        .catch(() => 0);
    }
    return counts;
  } finally {
    await client.logout();
  }
}

const run = promisify(execFile);

/** Runs doveadm against the project's Dovecot. */
export async function doveadm(...args: string[]): Promise<string> {
  const { stdout } = await run('doveadm', ['-c', `${dovecotRoot}/dovecot.conf`, ...args]);
  return stdout;
}
