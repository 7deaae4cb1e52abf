import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
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
  execFileSync('bash', ['dev-services/ensure-services.d/dovecot.sh'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  ensured = true;
}

/** A mailbox of its own for a test (Dovecot accepts any user name with password "secret"). */
export function uniqueMailUser(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.sportello`;
}

export async function imapClient(user: string, port = imapPort): Promise<ImapFlow> {
  return imapClientOn(port, user);
}

/**
 * Drops messages into a mailbox as a mail server would have delivered them: the receipt time
 * (INTERNALDATE) is the message's Date header, so that dated samples keep their meaning.
 */
export async function appendMessages(
  user: string,
  messages: readonly (string | Uint8Array)[],
  flags: string[] = [],
  port = imapPort,
): Promise<void> {
  const client = await imapClient(user, port);
  try {
    for (const message of messages)
      await client.append('INBOX', Buffer.from(message), flags, dateHeader(message));
  } finally {
    await client.logout();
  }
}

/**
 * Delivers messages as received at `at` (IMAP INTERNALDATE, the server's time of receipt, whatever
 * their own headers say), then waits until the watcher has taken them all out of the inbox.
 */
export async function deliverReceivedAt(user: string, messages: readonly Buffer[], at: Date): Promise<void> {
  const client = await imapClient(user);
  try {
    for (const message of messages) await client.append('INBOX', message, [], at);
  } finally {
    await client.logout();
  }
  const deadline = Date.now() + 20_000;
  while ((await folderCounts(user, ['INBOX']))['INBOX'] !== 0) {
    if (Date.now() > deadline) throw new Error('the watcher did not empty the inbox within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
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
  port = imapPort,
): Promise<Record<string, number>> {
  const client = await imapClient(user, port);
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

/** A Dovecot of its own (own root and ports), for tests that stop and restart the server. */
export class DovecotInstance {
  constructor(
    readonly root: string,
    readonly imapPort: number,
    readonly lmtpPort: number,
  ) {}

  start(): void {
    execFileSync('bash', ['dev-services/ensure-services.d/dovecot.sh'], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        SPORTELLO_DOVECOT_ROOT: this.root,
        SPORTELLO_TEST_IMAP_PORT: String(this.imapPort),
        SPORTELLO_TEST_LMTP_PORT: String(this.lmtpPort),
      },
    });
  }

  async doveadm(...args: string[]): Promise<string> {
    const { stdout } = await run('doveadm', ['-c', `${this.root}/dovecot.conf`, ...args]);
    return stdout;
  }

  /** An outage: sessions kicked first (a plain stop leaves logged-in sessions working), then stop. */
  async stop(): Promise<void> {
    await this.doveadm('kick', '*').catch(() => undefined);
    await this.doveadm('stop').catch(() => undefined);
    for (let i = 0; i < 50; i += 1) {
      const listening = await new Promise<boolean>((resolve) => {
        const socket = createConnection(this.imapPort, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (!listening) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function imapClientOn(port: number, user: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth: { user, pass: 'secret' },
    logger: false,
  });
  await client.connect();
  return client;
}
