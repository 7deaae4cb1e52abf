import { AppError } from '../../domain/app-error.js';
import type { ChannelMessage, ChannelSender } from './channel-sender.js';

/** Whether an address belongs to a registered counterpart (a Comune's office or a provider). */
export interface RecipientRegistry {
  /** The subset of `addresses` (lower-case) that are registered. */
  registered(addresses: readonly string[]): Promise<ReadonlySet<string>>;
}

/**
 * The e-mail channel behind a last check: whatever a use case queued, nothing leaves for an
 * address the registry of counterparts does not know (the office's own addresses excepted). Such
 * a message fails for good, with its reason on the outbox row for staff.
 */
export class RegisteredRecipientsOnly implements ChannelSender<'email'> {
  private readonly own: ReadonlySet<string>;

  constructor(
    private readonly channel: ChannelSender<'email'>,
    private readonly registry: RecipientRegistry,
    ownAddresses: readonly string[],
  ) {
    this.own = new Set(ownAddresses.map((address) => address.toLowerCase()));
  }

  async send(message: ChannelMessage<'email'>): Promise<void> {
    const address = message.recipient.address.toLowerCase();
    if (!this.own.has(address) && !(await this.registry.registered([address])).has(address)) {
      throw new AppError('delivery_refused', 'recipient not in the registry of counterparts', {
        userMessage:
          'Il destinatario non è tra gli indirizzi registrati dei Comuni e degli enti: il messaggio non è stato inviato.',
      });
    }
    await this.channel.send(message);
  }
}
