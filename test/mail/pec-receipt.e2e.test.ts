import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, romeDateOf } from '../../domain/calendar/calendar-date.js';
import { formatLongItalianDate } from '../../domain/calendar/italian-date-format.js';
import { activationLines, carlaRizzi, composeEml } from '../support/compose-mail.js';
import { deliverReceivedAt } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { signedPecEnvelope } from '../support/pec-signing.js';
import { beneficiaryFields, birthDateFor } from '../support/tax-codes.js';
import type { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPostgres } from '../support/test-databases.js';

const office = 'amministrazione@comunitasocialecremasca.it';
const soncino = 'protocollo@pec.comune.soncino.cr.it';
// Each message its own Carla Rizzi: the same beneficiary twice would be a duplicate of her project.
const form = (id: string) =>
  activationLines({ ...carlaRizzi, ...beneficiaryFields('Rizzi', 'Carla', birthDateFor(id)) });
const original = (id: string, date: Date) => ({
  from: soncino,
  to: office,
  subject: `Richiesta attivazione SAD Rizzi Carla ${id}`,
  messageId: `<${id}@pec.comune.soncino.cr.it>`,
  date,
  text: ['Si trasmette richiesta di attivazione.', '', ...form(id)].join('\n'),
});

// Issue 13, point 2: what dates a request, through Dovecot (whose INTERNALDATE is the server's time
// of receipt), the watcher, SMTP and PostgreSQL.
describe('the legal date of receipt', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;
  let capture: SmtpCapture;
  // IMAP dates have whole seconds.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const today = romeDateOf(now);

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'pec',
      database: scratchPostgres,
      env: { SCHEDULER_ENABLED: 'false', BOT_ENABLED: 'false' },
    });
    ({ capture } = mailbox);
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  /** Delivered now, whatever the message's own headers say: Dovecot's INTERNALDATE is this moment. */
  const deliverNow = (messages: readonly Buffer[]) => deliverReceivedAt(mailbox.user, messages, now);
  const request = (id: string) =>
    mailbox.sportello.database.prisma.request.findFirst({
      where: { threadMessageId: `<${id}@pec.comune.soncino.cr.it>` },
    });
  const replyTo = (id: string) =>
    capture.waitFor((message) => message.parsed.inReplyTo === `<${id}@pec.comune.soncino.cr.it>`, 20_000);

  it('takes no header for PEC: a plain message dated months ago or next year is received today', async () => {
    const forged = (id: string, date: Date) =>
      composeEml({ ...original(id, date), headers: { 'X-Trasporto': 'posta-certificata' } });
    await deliverNow([
      await forged('old-date', new Date('2026-06-01T09:00:00Z')),
      await forged('next-year', new Date(`${now.getUTCFullYear() + 1}-01-05T09:00:00Z`)),
    ]);
    for (const id of ['old-date', 'next-year']) {
      const recorded = await request(id);
      expect(recorded?.receivedAt.getTime(), id).toBe(now.getTime());
      expect(recorded?.protocol.slice(0, 4), id).toBe(today.slice(0, 4));
      expect((await replyTo(id)).parsed.text, id).toContain(`pervenuta il ${formatLongItalianDate(today)}`);
    }
  }, 60_000);

  it('dates a verified PEC by its daticert.xml, and answers the certified sender', async () => {
    const yesterday = new Date(now.getTime() - 24 * 3_600_000);
    await deliverNow([await signedPecEnvelope(original('verified', yesterday), { office })]);
    const recorded = await request('verified');
    expect(recorded?.receivedAt.getTime()).toBe(Math.floor(yesterday.getTime() / 1000) * 1000);
    const reply = await replyTo('verified');
    expect(reply.envelopeTo).toEqual([soncino]);
    expect(reply.parsed.text).toContain(`pervenuta il ${formatLongItalianDate(addDays(today, -1))}`);
  }, 60_000);

  it('takes a PEC whose certificate of delivery is months old for what arrived today', async () => {
    const replayed = new Date(now.getTime() - 90 * 24 * 3_600_000);
    await deliverNow([await signedPecEnvelope(original('replayed', replayed), { office })]);
    expect((await request('replayed'))?.receivedAt.getTime()).toBe(now.getTime());
    // Its reply is awaited here, so that it cannot land in the next test's window.
    expect((await replyTo('replayed')).parsed.text).toContain(`pervenuta il ${formatLongItalianDate(today)}`);
  }, 60_000);

  it('treats an envelope changed after signing as ordinary mail from its sender: to staff, unanswered', async () => {
    const before = capture.messages.length;
    await deliverNow([await signedPecEnvelope(original('tampered', now), { office, tamper: true })]);
    expect(await request('tampered')).toBeNull();
    const inbound = await mailbox.sportello.database.prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: { startsWith: '<opec.' }, state: 'forwarded' },
    });
    expect(inbound.state).toBe('forwarded');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(capture.messages.slice(before)).toEqual([]);
  }, 60_000);
});
