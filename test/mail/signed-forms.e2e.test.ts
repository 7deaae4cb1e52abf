import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaContractDecisions } from '../../prisma/repositories/prisma-contract-decisions.js';
import { PrismaRequestHistory } from '../../prisma/repositories/prisma-request-history.js';
import { requestTimeline } from '../../services/history/request-timeline.js';
import { activationLines, carlaRizzi, composeEml, docxWith, pdfWithLines } from '../support/compose-mail.js';
import { savedByLibreOffice } from '../support/office-conversion.js';
import { signAttached, tampered } from '../support/cades-signing.js';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import { signedPecEnvelope } from '../support/pec-signing.js';
import { qualifiedSigner, testQualifiedAuthority, testTrustedList } from '../support/trusted-list-signing.js';
import { scratchPglite } from '../support/test-databases.js';
import { beneficiaryFields } from '../support/tax-codes.js';

const office = 'amministrazione@comunitasocialecremasca.it';
// The Responsabile's certificate is self-made: the trusted list does not vouch for it.
const signedNotice =
  "Firma digitale di ROSSI LAURA (c.f. RSSLRA80A41D142P) presente, integrità verificata; certificato non verificato: non risulta emesso da un certificatore qualificato dell'elenco di fiducia.";
const trustedList = testTrustedList();

// Issue 15: forms signed by the Responsabile di Servizio, through Dovecot, the watcher, SMTP and the database.
describe('signed forms (.p7m), .odt and .doc through the real watcher', () => {
  let mailbox: Awaited<ReturnType<typeof startOnMailbox>>;

  beforeAll(async () => {
    mailbox = await startOnMailbox({
      mailbox: 'signed',
      database: scratchPglite,
      env: {
        SCHEDULER_ENABLED: 'false',
        BOT_ENABLED: 'false',
        SIGNATURE_TRUSTED_LIST: trustedList.file,
        SIGNATURE_TRUSTED_LIST_SIGNER_SHA256: trustedList.signerSha256,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await mailbox?.stop();
  });

  const signedRequest = async (id: string, from: string, p7m: Uint8Array) => ({
    from,
    to: office,
    subject: `Richiesta attivazione ${id}`,
    messageId: `<${id}@comune.crema.cr.it>`,
    date: new Date(),
    text: 'Si trasmette la richiesta firmata digitalmente.',
    attachments: [{ filename: 'richiesta.pdf.p7m', content: Buffer.from(p7m) }],
  });
  const form = (overrides: Record<string, string> = {}) =>
    pdfWithLines(activationLines({ sad: '[X]', ...overrides }));

  it('acknowledges a signed PDF, records the signer and tells staff what was verified', async () => {
    const before = mailbox.capture.messages.length;
    const message = await signedRequest(
      'signed-pdf',
      'servizi.sociali@comune.crema.cr.it',
      signAttached(await form()),
    );
    await appendMessages(mailbox.user, [await composeEml(message)]);
    const [reply] = (await mailbox.capture.waitForCount(before + 1, 20_000)).slice(before);
    expect(reply!.parsed.subject).toMatch(/^Avvio del procedimento – pratica n\. /);
    const request = await mailbox.sportello.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<signed-pdf@comune.crema.cr.it>' },
    });
    expect(request.fields).toMatchObject({
      source: 'attachment:richiesta.pdf.p7m',
      signers: [{ name: 'ROSSI LAURA', taxCode: 'RSSLRA80A41D142P' }],
    });
    const records = await new PrismaRequestHistory(mailbox.sportello.database).recordsOf(request.protocol);
    expect(requestTimeline(records!)[0]!.detail).toBe(signedNotice);
    // The approval card tells staff the same.
    const contract = await mailbox.sportello.database.prisma.contract.findFirstOrThrow({
      where: { requestId: request.id },
    });
    const card = await new PrismaContractDecisions(mailbox.sportello.database).cardData(contract.id);
    expect(card?.notices).toContain(signedNotice);
  }, 30_000);

  it('(issue 23) tells staff a signature is qualified when its certificate chains to the trusted list', async () => {
    const before = mailbox.capture.messages.length;
    const message = await signedRequest(
      'qualified-pdf',
      'servizi.sociali@comune.crema.cr.it',
      signAttached(await form(beneficiaryFields('Neri', 'Paola')), 'der', qualifiedSigner()),
    );
    await appendMessages(mailbox.user, [await composeEml(message)]);
    await mailbox.capture.waitForCount(before + 1, 20_000);
    const request = await mailbox.sportello.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<qualified-pdf@comune.crema.cr.it>' },
    });
    const notice = `Firma digitale di VERDI MARCO (c.f. VRDMRC75C12D142X) presente, integrità verificata; firma qualificata valida (certificatore: ${testQualifiedAuthority}).`;
    const records = await new PrismaRequestHistory(mailbox.sportello.database).recordsOf(request.protocol);
    expect(requestTimeline(records!)[0]!.detail).toBe(notice);
    const contract = await mailbox.sportello.database.prisma.contract.findFirstOrThrow({
      where: { requestId: request.id },
    });
    const card = await new PrismaContractDecisions(mailbox.sportello.database).cardData(contract.id);
    expect(card?.notices).toContain(notice);
  }, 30_000);

  it('reads a signed form inside a PEC envelope', async () => {
    const before = mailbox.capture.messages.length;
    const soncino = 'protocollo@pec.comune.soncino.cr.it';
    const inner = await signedRequest('signed-pec', soncino, signAttached(await form(carlaRizzi)));
    await appendMessages(mailbox.user, [await signedPecEnvelope(inner, { office })]);
    const [reply] = (await mailbox.capture.waitForCount(before + 1, 20_000)).slice(before);
    expect(reply!.envelopeTo).toEqual([soncino]);
    expect(reply!.parsed.subject).toMatch(/pratica n\. /);
  }, 30_000);

  it('reads forms saved as .odt and .doc on the reader threads', async () => {
    const before = mailbox.capture.messages.length;
    // Two people of their own: the same beneficiary twice would be a duplicate of her project.
    const docx = (name: string) =>
      docxWith(activationLines({ sad: '☒', ...beneficiaryFields('Leone', name) }));
    const messages = await Promise.all(
      (['odt', 'doc'] as const).map((format) =>
        composeEml({
          from: 'servizi.sociali@comune.crema.cr.it',
          to: office,
          subject: `Richiesta attivazione in ${format}`,
          messageId: `<office-${format}@comune.crema.cr.it>`,
          text: 'In allegato la richiesta.',
          attachments: [
            {
              filename: `richiesta.${format}`,
              content: savedByLibreOffice(docx(format === 'odt' ? 'Olga' : 'Dora'), format),
            },
          ],
        }),
      ),
    );
    await appendMessages(mailbox.user, messages);
    const replies = (await mailbox.capture.waitForCount(before + 2, 20_000)).slice(before);
    expect(replies.map((reply) => reply.parsed.subject)).toEqual([
      expect.stringMatching(/^Avvio del procedimento – pratica n\. /),
      expect.stringMatching(/^Avvio del procedimento – pratica n\. /),
    ]);
  }, 60_000);

  it('quarantines a signed file altered after signing, with the reason in Italian, unanswered', async () => {
    const before = mailbox.capture.messages.length;
    const altered = tampered(signAttached(await form()), '%PDF-1.7');
    const message = await signedRequest('signed-altered', 'servizi.sociali@comune.crema.cr.it', altered);
    await appendMessages(mailbox.user, [await composeEml(message)]);
    await expect
      .poll(() => folderCounts(mailbox.user, ['INBOX', 'Quarantena']), { timeout: 15_000 })
      .toEqual({ INBOX: 0, Quarantena: 1 });
    const inbound = await mailbox.sportello.database.prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<signed-altered@comune.crema.cr.it>' },
    });
    expect(inbound).toMatchObject({
      state: 'quarantined',
      quarantineReason: expect.stringContaining('il documento risulta alterato'),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.capture.messages.length).toBe(before);
  }, 30_000);
});
