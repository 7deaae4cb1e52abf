import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message received by the capture server. */
export interface CapturedMail {
  readonly envelopeTo: string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  readonly receivedAt: number;
}

/**
 * A real SMTP server (nodemailer's smtp-server) on 127.0.0.1 that keeps what it receives, for
 * tests and benchmarks that need to see the replies Sportello sends.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  /** Accepts OAuth2 (XOAUTH2) logins whose token passes `acceptToken`, when given. */
  constructor(private readonly acceptToken: ((user: string, token: string) => boolean) | null = null) {}

  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: this.acceptToken === null,
      disabledCommands: ['STARTTLS'],
      authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
      logger: false,
      size: 50 * 1024 * 1024,
      onAuth: (auth, _session, callback) => {
        if (
          this.acceptToken &&
          auth.method === 'XOAUTH2' &&
          this.acceptToken(auth.username ?? '', auth.accessToken ?? '')
        ) {
          return callback(null, { user: auth.username });
        }
        if (!this.acceptToken) return callback(null, { user: auth.username });
        return callback(null, { data: { status: '401', schemes: 'bearer' } } as never);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks);
          this.messages.push({
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw,
            parsed: await simpleParser(raw),
            receivedAt: performance.now(),
          });
          for (const wake of this.waiters.splice(0)) wake();
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    // A client killed mid-session resets its connection: that is the test, not a failure.
    server.on('error', () => undefined);
    this.port = (server.server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with the first message that satisfies the test (or throws after `timeoutMs`). */
  async waitFor(test: (mail: CapturedMail) => boolean, timeoutMs = 15_000): Promise<CapturedMail> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no matching message among ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once `count` messages have arrived (or throws after `timeoutMs`). */
  async waitForCount(count: number, timeoutMs = 15_000): Promise<CapturedMail[]> {
    const deadline = performance.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }
}
