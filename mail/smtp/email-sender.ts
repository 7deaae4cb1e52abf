import addressparser from 'nodemailer/lib/addressparser';
import { AppError } from '../../domain/app-error.js';
import { composeEmail } from './compose-email.js';
import { SmtpLink } from './smtp-link.js';
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

/** Sends outbox e-mails over one SMTP session kept open (SMTP with a password or OAuth2, LMTP locally). */
export class EmailSender implements ChannelSender<'email'> {
  private readonly link: SmtpLink;
  /** The envelope's sender: the address of `from`, without its name. */
  private readonly envelopeFrom: string;

  constructor(private readonly options: OutgoingMailOptions) {
    this.envelopeFrom = addressOf(options.from);
    this.link = new SmtpLink(
      options.kind === 'lmtp'
        ? { host: options.host, port: options.port, secure: false, lmtp: true, login: { kind: 'none' } }
        : {
            host: options.host,
            port: options.port,
            secure: options.secure,
            lmtp: false,
            login: options.oauth
              ? { kind: 'oauth2', user: options.user ?? '', tokens: options.oauth }
              : options.user
                ? { kind: 'password', user: options.user, password: options.password ?? '' }
                : { kind: 'none' },
          },
    );
  }

  async send(message: ChannelMessage<'email'>): Promise<void> {
    const email = message.payload;
    try {
      // Written whole first, then handed over: streamed while it is built, a message leaves in
      // dozens of small socket writes, each a system call on the event loop.
      const raw = composeEmail(this.options.from, email);
      await this.link.send({ from: this.envelopeFrom, to: [addressOf(email.to)] }, raw);
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
    this.link.close();
  }
}

/** The bare address of `Name <address>` (or of an address alone), as SMTP's envelope wants it. */
function addressOf(mailbox: string): string {
  const [parsed] = addressparser(mailbox, { flatten: true });
  return parsed?.address || mailbox;
}
