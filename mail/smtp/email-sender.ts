import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../../domain/app-error.js';
import { composeEmail } from './compose-email.js';
import type { ChannelMessage, ChannelSender } from '../../services/outbox/channel-sender.js';
import type { AccessTokenProvider } from '../oauth/access-token-provider.js';

/** The server e-mail leaves through: an SMTP relay, or local LMTP delivery (development). */
export type OutgoingServer =
  | {
      readonly kind: 'smtp';
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly user: string | null;
      readonly password: string | null;
    }
  | { readonly kind: 'lmtp'; readonly host: string; readonly port: number };

/** Where e-mail leaves (user/password or OAuth2 on SMTP) and who it is from. */
export type OutgoingMailOptions = OutgoingServer & {
  readonly from: string;
  readonly oauth?: AccessTokenProvider | null;
};

/** Sends outbox e-mails with nodemailer over a pooled connection. */
export class EmailSender implements ChannelSender<'email'> {
  private readonly transport: Transporter;

  constructor(private readonly options: OutgoingMailOptions) {
    if (options.kind === 'lmtp') {
      this.transport = nodemailer.createTransport({
        host: options.host,
        port: options.port,
        lmtp: true,
        secure: false,
        ignoreTLS: true,
      } as object);
    } else {
      const auth = options.oauth
        ? { type: 'OAuth2', user: options.user }
        : options.user
          ? { user: options.user, pass: options.password ?? '' }
          : undefined;
      this.transport = nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        pool: true,
        maxConnections: 2,
        // nodemailer's default of 100 closes the connection every 100 messages and waits 100 ms
        // before opening the next: a backlog's replies stalled there. A relay that wants fewer per
        // connection closes it itself, and the pool queues the message again on a new one.
        maxMessages: 5_000,
        // Bounded, and shorter than the outbox lease, so that a send never outlives its claim.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
        auth,
      } as object);
      if (options.oauth) {
        const oauth = options.oauth;
        // nodemailer asks for a token on every login; the provider caches and renews it.
        this.transport.set(
          'oauth2_provision_cb',
          (_user: string, renew: boolean, callback: (error: Error | null, token?: string) => void) => {
            oauth.token(renew).then(
              (token) => callback(null, token),
              (error: Error) => callback(error),
            );
          },
        );
      }
    }
  }

  async send(message: ChannelMessage<'email'>): Promise<void> {
    const email = message.payload;
    try {
      // Built in memory first, then handed over whole: streamed while it is built, a message
      // leaves in dozens of small socket writes, each a system call on the event loop.
      const raw = composeEmail(this.options.from, email);
      await this.transport.sendMail({ envelope: { from: this.options.from, to: email.to }, raw });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx on a recipient is final; everything else (network, 4xx) is worth a retry.
      if (
        code !== undefined &&
        code >= 500 &&
        code < 600 &&
        (error as { command?: string }).command === 'RCPT TO'
      ) {
        throw new AppError('delivery_refused', (error as Error).message, { cause: error });
      }
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
