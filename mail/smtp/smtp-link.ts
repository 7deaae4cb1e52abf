import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { AccessTokenProvider } from '../oauth/access-token-provider.js';

/** Where the link connects and how it logs in. */
export interface SmtpLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** LMTP (local delivery to Dovecot in development) instead of SMTP. */
  readonly lmtp: boolean;
  readonly login:
    | { readonly kind: 'none' }
    | { readonly kind: 'password'; readonly user: string; readonly password: string }
    | { readonly kind: 'oauth2'; readonly user: string; readonly tokens: AccessTokenProvider };
}

// Bounded, and shorter than the outbox lease, so that a send never outlives its claim.
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
/** A connection left unused this long is closed (relays drop idle ones themselves after minutes). */
const idleCloseMs = 30_000;

/**
 * One SMTP (or LMTP) session kept open between messages, with nodemailer's SMTPConnection, for
 * messages that are already written: one at a time, in the order they are given. A session that
 * fails or closes is dropped, and the next message opens a new one. nodemailer's pool does the same
 * for whole mail objects, at about 0.5 ms more CPU per message (its queue, its streams, the message
 * parsed again): the outbox sends a backlog's replies on the event loop.
 */
export class SmtpLink {
  private session: Promise<SMTPConnection> | null = null;
  /** The session's connection once open, so that its own end or error can forget it. */
  private connection: SMTPConnection | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SmtpLinkOptions) {}

  /** Sends `raw` to `envelope.to`; rejects with nodemailer's error (its `responseCode`, `command`). */
  send(envelope: { readonly from: string; readonly to: readonly string[] }, raw: Buffer): Promise<void> {
    const sent = this.queue.then(() => this.sendNow(envelope, raw));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  /** Closes the session (QUIT); a later message opens a new one. */
  close(): void {
    this.stopIdleTimer();
    const session = this.session;
    this.session = null;
    this.connection = null;
    void session?.then((connection) => connection.quit()).catch(() => undefined);
  }

  private async sendNow(
    envelope: { readonly from: string; readonly to: readonly string[] },
    raw: Buffer,
  ): Promise<void> {
    this.stopIdleTimer();
    const connection = await this.open();
    try {
      await step(connection, (done) =>
        connection.send({ from: envelope.from, to: [...envelope.to] }, raw, done),
      );
    } catch (error) {
      // A refused message leaves the session inside its transaction: a new one for the next.
      this.drop(connection);
      throw error;
    }
    this.idleTimer = setTimeout(() => this.close(), idleCloseMs);
    this.idleTimer.unref();
  }

  private open(): Promise<SMTPConnection> {
    if (!this.session) {
      const session = this.connect().then((connection) => (this.connection = connection));
      this.session = session;
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
    }
    return this.session;
  }

  private async connect(): Promise<SMTPConnection> {
    const { host, port, secure, lmtp } = this.options;
    const connection = new SMTPConnection({
      host,
      port,
      secure,
      lmtp,
      ...(lmtp ? { ignoreTLS: true } : {}),
      ...timeouts,
    });
    // Without a listener an error would end the process; the send that meets it rejects anyway.
    connection.on('error', () => this.drop(connection));
    connection.once('end', () => this.drop(connection));
    try {
      await step(connection, (done) => connection.connect(done));
      const login = this.loginOf();
      if (login) await step(connection, (done) => connection.login(login, done));
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  private loginOf(): Parameters<SMTPConnection['login']>[0] | null {
    const login = this.options.login;
    if (login.kind === 'password') return { credentials: { user: login.user, pass: login.password } };
    if (login.kind === 'none') return null;
    // nodemailer asks for a token at every login, renewed after a refusal; the provider caches it.
    const oauth2 = new XOAuth2({
      user: login.user,
      provisionCallback: (_user, renew, callback) => {
        login.tokens.token(renew).then(
          (token) => callback(null, token, 0),
          (error: Error) => callback(error, '', 0),
        );
      },
    });
    return { oauth2 };
  }

  private drop(connection: SMTPConnection): void {
    if (this.connection === connection) {
      this.connection = null;
      this.session = null;
    }
    connection.close();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/**
 * One exchange with the server: settled by its callback, or by the connection's error or end when
 * the callback never comes (a refused connection calls no connect callback, only emits an error).
 */
function step(
  connection: SMTPConnection,
  run: (done: (error?: Error | null) => void) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => settle(error);
    const ended = () => settle(new Error('SMTP connection closed'));
    const settle = (error?: Error | null) => {
      connection.off('error', failed);
      connection.off('end', ended);
      if (error) reject(error);
      else resolve();
    };
    connection.once('error', failed);
    connection.once('end', ended);
    run(settle);
  });
}
