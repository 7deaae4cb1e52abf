import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { AppError } from '../../domain/app-error.js';
import { deliveryThrottled, type ChannelMessage } from '../../services/outbox/channel-sender.js';
import { emailMessage, staffRecipient, teamsText } from '../../services/outbox/outbox-message.js';
import { OutboxDispatcher } from '../../services/outbox/outbox-dispatcher.js';
import { InMemoryOutboxStore } from '../support/fakes/in-memory-outbox-store.js';

const options = {
  pollIntervalMs: 60_000,
  batchSize: 10,
  leaseMs: 30_000,
  maxAttempts: 3,
  unreachableRetryMs: 30 * 60_000,
  backoffBaseMs: 1,
  backoffMaxMs: 5,
};

const email = (key: string) =>
  emailMessage(key, {
    to: 'servizi.sociali@comune.crema.cr.it',
    subject: 'Avvio del procedimento',
    text: 'testo',
    html: '<p>testo</p>',
    messageId: `<${key}@sportello.test>`,
    inReplyTo: null,
    references: [],
    headers: {},
  });

// The dispatcher over an in-memory store and channels that fail as real ones do.
describe('outbox dispatcher (use case, in memory)', () => {
  it('sends each message on its own channel, typed, once', async () => {
    const store = new InMemoryOutboxStore();
    store.add(email('a'));
    store.add(teamsText('b', staffRecipient, 'Avviso'));
    const emails: ChannelMessage<'email'>[] = [];
    const teams: ChannelMessage<'teams'>[] = [];
    const dispatcher = new OutboxDispatcher(store, options, createLogger('silent'));
    dispatcher.registerEmail({ send: async (message) => void emails.push(message) });
    dispatcher.registerTeams({ send: async (message) => void teams.push(message) });
    await dispatcher.flush();
    await dispatcher.flush();
    expect(emails.map((message) => message.payload.subject)).toEqual(['Avvio del procedimento']);
    expect(teams.map((message) => message.recipient)).toEqual([{ kind: 'staff' }]);
    expect(store.rows.map((row) => row.state)).toEqual(['sent', 'sent']);
  });

  it('gives up at once on a refused recipient, retries a throttled channel without counting it as failing', async () => {
    const store = new InMemoryOutboxStore();
    store.add(email('refused'));
    store.add(teamsText('throttled', staffRecipient, 'Avviso'));
    const dispatcher = new OutboxDispatcher(store, options, createLogger('silent'));
    dispatcher.registerEmail({
      send: async () => {
        throw new AppError('delivery_refused', '550 no such user');
      },
    });
    let throttles = 5;
    dispatcher.registerTeams({
      send: async () => {
        if (throttles-- > 0) throw deliveryThrottled('teams', 1);
      },
    });
    for (let round = 0; round < 8; round += 1) {
      await dispatcher.flush();
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const [refused, throttled] = store.rows;
    expect(refused).toMatchObject({ state: 'failed', attempts: 1, lastError: '550 no such user' });
    // Five 429s are more than maxAttempts (3), yet throttling never fails a message for good.
    expect(throttled).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('waits half an hour before trying again a message nobody can receive yet, and says so once', async () => {
    const store = new InMemoryOutboxStore();
    for (const key of ['nobody', 'nobody-2', 'nobody-3']) store.add(teamsText(key, staffRecipient, 'Avviso'));
    const lines: { msg: string; waiting?: number }[] = [];
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { msg: string; waiting?: number });
        done();
      },
    });
    const dispatcher = new OutboxDispatcher(store, options, createLogger('info', log));
    dispatcher.registerTeams({
      send: async () => {
        throw new AppError('recipient_unreachable', 'nessuna conversazione Teams per staff');
      },
    });
    const before = Date.now();
    await dispatcher.flush();
    expect(store.rows.map((row) => row.state)).toEqual(['pending', 'pending', 'pending']);
    expect(store.rows[0]!.nextAttemptAt - before).toBeGreaterThanOrEqual(30 * 60_000);
    // Every card for staff waits so until staff open the bot: one line for the claim, not one per card.
    expect(lines.map(({ msg, waiting }) => ({ msg, waiting }))).toEqual([
      { msg: 'outbox messages wait for recipients not reachable yet', waiting: 3 },
    ]);
  });

  it('sets aside a stored row that is not a valid message, and sends the rest', async () => {
    const store = new InMemoryOutboxStore();
    store.add({ idempotencyKey: 'old', channel: 'teams', recipient: 'staff', payload: { type: 'card' } });
    store.add({
      idempotencyKey: 'odd',
      channel: 'teams',
      recipient: 'nobody:1',
      payload: { type: 'text', text: 'x' },
    });
    store.add(teamsText('good', staffRecipient, 'Avviso'));
    const sent: string[] = [];
    const dispatcher = new OutboxDispatcher(store, options, createLogger('silent'));
    dispatcher.registerTeams({ send: async (message) => void sent.push(message.idempotencyKey) });
    await dispatcher.flush();
    expect(sent).toEqual(['good']);
    expect(store.rows.map((row) => row.state)).toEqual(['failed', 'failed', 'sent']);
  });
});
