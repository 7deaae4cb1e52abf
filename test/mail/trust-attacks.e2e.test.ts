import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationLines, carlaRizzi, composeEml, pdfWithLines } from '../support/compose-mail.js';
import { contractSentToProvider } from '../support/contract-sent.js';
import { deliverReceivedAt } from '../support/dovecot.js';
import type { CapturedMail } from '../support/smtp-capture.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { signedPecEnvelope } from '../support/pec-signing.js';
import { scratchPglite } from '../support/test-databases.js';

const ourServer = 'mx.comunitasocialecremasca.it';
const office = 'amministrazione@comunitasocialecremasca.it';
const provider = 'contratti@ilgirasole.example';

// Issue 23, attacks 3 and 4, through the real watcher (Dovecot), SMTP and the embedded database,
// with the office's receiving server named (MAIL_AUTHSERV_ID) and the test PEC provider accredited.
describe('trust, second round: what an attacker can no longer make Sportello do', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'trust',
      database: scratchPglite,
      env: {
        DEMO_DATA: 'true',
        SCHEDULER_ENABLED: 'false',
        BOT_ENABLED: 'false',
        MAIL_AUTHSERV_ID: ourServer,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  const prisma = () => mailbox.sportello.database.prisma;
  /** Delivered now: Dovecot's INTERNALDATE is this moment, whatever the message says. */
  const deliverNow = (messages: readonly Buffer[]) => deliverReceivedAt(mailbox.user, messages, now);
  const verdict = (results: string) => ({ 'Authentication-Results': `${ourServer}; ${results}` });
  const staffNoticeOf = async (messageIdPrefix: string) => {
    const inbound = await prisma().inboundMessage.findFirstOrThrow({
      where: { messageId: { startsWith: messageIdPrefix } },
    });
    const notice = await prisma().outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `message_for_staff:${inbound.id}` },
    });
    return { inbound, payload: notice.payload as { reason: string; note?: string } };
  };
  const noMailSince = async (before: number) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mailbox.capture.messages.slice(before).map((message) => message.envelopeTo)).toEqual([]);
  };

  const pecOriginal = (id: string, from: string, date: Date) => ({
    from,
    to: office,
    subject: `Richiesta attivazione SAD Rizzi Carla ${id}`,
    messageId: `<${id}@trust.test>`,
    date,
    text: ['Si trasmette richiesta di attivazione.', '', ...activationLines(carlaRizzi)].join('\n'),
  });

  it('(attack 3) takes a self-made PEC for ordinary mail from its envelope: no notice, never its daticert date', async () => {
    const before = mailbox.capture.messages.length;
    const twoDaysBack = new Date(now.getTime() - 47 * 3_600_000);
    await deliverNow([
      await signedPecEnvelope(pecOriginal('self-made', 'protocollo@pec.comune.crema.cr.it', twoDaysBack), {
        office,
        signedBy: 'self-made',
        envelopeFrom: 'posta-certificata@pec.evil.example',
        headers: verdict(
          'spf=pass smtp.mailfrom=posta-certificata@pec.evil.example; dkim=pass header.d=pec.evil.example; dmarc=pass header.from=pec.evil.example',
        ),
      }),
    ]);
    const { inbound, payload } = await staffNoticeOf('<opec.');
    expect(inbound.state).toBe('forwarded');
    expect(inbound.receivedAt.getTime()).toBe(now.getTime());
    expect(payload.reason).toBe('sender_not_registered');
    expect(await prisma().request.count({ where: { threadMessageId: '<self-made@trust.test>' } })).toBe(0);
    await noMailSince(before);
  }, 60_000);

  it('(attack 3) certifies only what an accredited provider manages: another domain is ordinary mail', async () => {
    const before = mailbox.capture.messages.length;
    // Offanengo's PEC domain is not among the test provider's managed domains.
    await deliverNow([
      await signedPecEnvelope(
        pecOriginal(
          'unmanaged',
          'protocollo@pec.comune.offanengo.cr.it',
          new Date(now.getTime() - 3_600_000),
        ),
        { office, headers: verdict('dmarc=pass header.from=pec.example.it') },
      ),
    ]);
    await expect.poll(() => prisma().inboundMessage.count({ where: { state: 'forwarded' } })).toBe(2);
    expect(await prisma().request.count({ where: { threadMessageId: '<unmanaged@trust.test>' } })).toBe(0);
    await noMailSince(before);
  }, 60_000);

  it("answers an accredited provider's PEC of a registered Comune, dated by its certificate", async () => {
    const anHourAgo = new Date(now.getTime() - 3_600_000);
    await deliverNow([
      await signedPecEnvelope(pecOriginal('accredited', 'protocollo@pec.comune.soncino.cr.it', anHourAgo), {
        office,
        headers: verdict('dmarc=pass header.from=pec.example.it'),
      }),
    ]);
    const reply = await mailbox.capture.waitFor(
      (message) => message.parsed.inReplyTo === '<accredited@trust.test>',
      20_000,
    );
    expect(reply.envelopeTo).toEqual(['protocollo@pec.comune.soncino.cr.it']);
    const request = await prisma().request.findFirstOrThrow({
      where: { threadMessageId: '<accredited@trust.test>' },
    });
    expect(request.receivedAt.getTime()).toBe(anHourAgo.getTime());
  }, 60_000);

  describe("(attack 4) a provider's answer counts only when our server vouches for its domain", () => {
    const unaligned = verdict(
      'spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example; dmarc=none header.from=ilgirasole.example',
    );
    const aligned = verdict(
      'spf=pass smtp.mailfrom=ilgirasole.example; dmarc=pass header.from=ilgirasole.example',
    );
    const answer = (mail: CapturedMail, headers: Record<string, string>, more: Record<string, unknown>) =>
      composeEml({
        from: `Coordinamento Il Girasole <${provider}>`,
        to: office,
        subject: `Re: ${mail.parsed.subject}`,
        inReplyTo: mail.parsed.messageId,
        references: [mail.parsed.messageId!],
        date: new Date(),
        headers,
        ...more,
      });
    const contract = (id: string) => prisma().contract.findUniqueOrThrow({ where: { id } });
    const refusal = {
      text: "Gentili,\nnon possiamo accettare l'incarico: nessun operatore disponibile.\nCordiali saluti",
    };

    it('a refusal and a signed copy from an unaligned sender leave the contract «sent», and staff are told', async () => {
      const refused = await contractSentToProvider(mailbox.sportello, mailbox.capture, 41);
      const returned = await contractSentToProvider(mailbox.sportello, mailbox.capture, 42);
      const signed = Buffer.from(
        await pdfWithLines(['CONTRATTO DI AVVIO DEL SERVIZIO', 'Firmato: il legale rappresentante']),
      );
      await deliverNow([
        await answer(refused.mail, unaligned, refusal),
        await answer(returned.mail, unaligned, {
          text: 'In allegato il contratto firmato.',
          attachments: [
            { filename: 'contratto firmato.pdf', content: signed, contentType: 'application/pdf' },
          ],
        }),
      ]);
      await expect
        .poll(() => prisma().inboundMessage.count({ where: { state: 'forwarded', kind: 'contract_reply' } }))
        .toBe(2);
      expect((await contract(refused.contractId)).state).toBe('sent');
      expect((await contract(returned.contractId)).state).toBe('sent');
      const notices = await prisma().outboxMessage.findMany({
        where: {
          channel: 'teams',
          payload: { path: ['reason'], equals: 'contract_reply_not_authenticated' },
        },
      });
      expect(notices).toHaveLength(2);
    }, 60_000);

    it('the same refusal with an aligned verdict is recorded', async () => {
      const refused = await contractSentToProvider(mailbox.sportello, mailbox.capture, 43);
      await deliverNow([await answer(refused.mail, aligned, refusal)]);
      await expect
        .poll(async () => (await contract(refused.contractId)).state, { timeout: 20_000 })
        .toBe('refused');
    }, 60_000);
  });
});
