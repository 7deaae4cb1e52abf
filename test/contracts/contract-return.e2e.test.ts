import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, romeDateOf } from '../../domain/calendar/calendar-date.js';
import { testStaff as testStaffCaller } from '../support/contract-services.js';
import { formatLongItalianDate, formatShortItalianDate } from '../../domain/calendar/italian-date-format.js';
import { contractReturnDue } from '../../domain/deadlines/contract-deadlines.js';
import { sadActivation } from '../domain/draft-fixtures.js';
import { acceptedRequest } from '../support/accepted-request.js';
import { composeEml, pdfWithLines } from '../support/compose-mail.js';
import { contractSentToProvider as sentToProvider } from '../support/contract-sent.js';
import { appendMessages, folderCounts } from '../support/dovecot.js';
import { startOnMailbox } from '../support/mailbox-sportello.js';
import type { SmtpCapture } from '../support/smtp-capture.js';
import { type CapturedMail } from '../support/smtp-capture.js';
import { scratchPglite } from '../support/test-databases.js';

// The provider answers the e-mail that carried its contract, as a person would from a mail client:
// the message goes through the real mailbox (Dovecot), the watcher and the intake.
describe('a provider answers the contract e-mail', () => {
  let running: Awaited<ReturnType<typeof startOnMailbox>>;
  let sportello: (typeof running)['sportello'];
  let capture: SmtpCapture;
  let mailbox: string;

  beforeAll(async () => {
    running = await startOnMailbox({
      mailbox: 'contracts',
      database: scratchPglite,
      env: { DEMO_DATA: 'true', SCHEDULER_ENABLED: 'false', BOT_ENABLED: 'false' },
    });
    ({ sportello, capture, user: mailbox } = running);
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
  });

  const contractSentToProvider = (serial: number) => sentToProvider(sportello, capture, serial);

  const replyTo = (mail: CapturedMail, options: Record<string, unknown>) =>
    composeEml({
      from: 'Coordinamento Il Girasole <contratti@ilgirasole.example>',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: `Re: ${mail.parsed.subject}`,
      inReplyTo: mail.parsed.messageId,
      references: [mail.parsed.messageId!],
      date: new Date(),
      ...options,
    });

  const contract = (id: string) => sportello.database.prisma.contract.findUniqueOrThrow({ where: { id } });

  it('marks the contract returned when the reply carries the signed copy, and keeps the file', async () => {
    const { contractId, mail } = await contractSentToProvider(1);
    const signed = await pdfWithLines([
      'CONTRATTO DI AVVIO DEL SERVIZIO',
      'Firmato: il legale rappresentante',
    ]);
    await appendMessages(mailbox, [
      await replyTo(mail, {
        text: `Buongiorno,\nin allegato il contratto firmato.\nCordiali saluti\n\nIl giorno lun ha scritto:\n> ${mail.parsed.text?.split('\n')[0]}`,
        attachments: [
          { filename: 'contratto firmato.pdf', content: Buffer.from(signed), contentType: 'application/pdf' },
        ],
      }),
    ]);
    await expect.poll(async () => (await contract(contractId)).state, { timeout: 20_000 }).toBe('returned');
    const returned = await contract(contractId);
    expect(returned.returnedFileName).toBe('contratto firmato.pdf');
    expect(Buffer.compare(Buffer.from(returned.returnedDocument!), Buffer.from(signed))).toBe(0);
    expect(
      await sportello.database.prisma.outboxMessage.count({
        where: { idempotencyKey: `contract-returned:${contractId}` },
      }),
    ).toBe(1);
    await expect
      .poll(() => folderCounts(mailbox, ['INBOX', 'Elaborati']), { timeout: 10_000 })
      .toMatchObject({ INBOX: 0 });
  }, 60_000);

  it("(issue 24, point 3) dates the contract's «Scadenze» from the day it is sent, as the covering e-mail does", async () => {
    // Seed l. 213-215: the provider returns it within 2 working days of receiving it.
    const { mail } = await contractSentToProvider(8);
    const dueBack = contractReturnDue('SAD', romeDateOf(new Date()))!;
    expect(mail.parsed.text).toContain(`entro ${formatLongItalianDate(dueBack)}`);
    const docx = mail.parsed.attachments.find((file) => /\.docx$/i.test(file.filename ?? ''))!;
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(docx.content) })).value.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(
      `restituzione del contratto firmato da parte dell'ente: ${formatShortItalianDate(dueBack)}`,
    );
  }, 60_000);

  it('(issue 24, point 2) takes the contract it was sent, returned signed in its thread, for the return', async () => {
    // Seed l. 213-215: the provider completes, signs and sends back the contract document itself,
    // whose text reads like a form (beneficiary, codice fiscale, service, hours, budget).
    const { contractId, mail } = await contractSentToProvider(6);
    const sent =
      mail.parsed.attachments.find((file) => /\.pdf$/i.test(file.filename ?? '')) ??
      mail.parsed.attachments.find((file) => /\.docx$/i.test(file.filename ?? ''))!;
    const name = `firmato_${sent.filename}`;
    await appendMessages(mailbox, [
      await replyTo(mail, {
        text: 'Buongiorno,\nsi restituisce il contratto sottoscritto.\nCordiali saluti',
        attachments: [{ filename: name, content: sent.content, contentType: sent.contentType }],
      }),
    ]);
    await expect.poll(async () => (await contract(contractId)).state, { timeout: 20_000 }).toBe('returned');
    expect((await contract(contractId)).returnedFileName).toBe(name);
    expect(
      await sportello.database.prisma.request.count({ where: { threadMessageId: mail.parsed.messageId! } }),
    ).toBe(0);
  }, 60_000);

  it('(issue 24, point 3) after the signed return: fase D due in 7 days, the operator recorded, staff reminded, the Comune told the start', async () => {
    // Seed l. 213-219: the provider returns the contract signed and names the operator; l. 240-246:
    // the fase D within 7 days; l. 262-264: the service may start after it (and the PAI).
    const { contractId, mail } = await contractSentToProvider(9);
    const signed = await pdfWithLines([
      'CONTRATTO DI AVVIO DEL SERVIZIO',
      'Firmato: il legale rappresentante',
    ]);
    await appendMessages(mailbox, [
      await replyTo(mail, {
        text: "Buongiorno,\nin allegato il contratto firmato.\nL'operatore incaricato è la sig.ra Lucia Verdi.\nCordiali saluti",
        attachments: [
          { filename: 'contratto firmato.pdf', content: Buffer.from(signed), contentType: 'application/pdf' },
        ],
      }),
    ]);
    await expect.poll(async () => (await contract(contractId)).state, { timeout: 20_000 }).toBe('returned');
    const returned = await contract(contractId);
    const returnedOn = romeDateOf(returned.returnedAt!);
    const phaseDDue = addDays(returnedOn, 7);
    expect(returned.operatorName).toBe('Lucia Verdi');
    expect(returned.phaseDDueOn?.toISOString().slice(0, 10)).toBe(phaseDDue);
    const reminder = await sportello.database.prisma.reminder.findUniqueOrThrow({
      where: { idempotencyKey: `contract-phase-d:${contractId}` },
    });

    // Two days before the term, staff are reminded while the fase D is not marked.
    await sportello.calendar.tick.run(new Date(reminder.dueAt.getTime() + 60_000));
    const staffReminder = await sportello.database.prisma.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `contract-phase-d-staff:${contractId}` },
    });
    expect(JSON.stringify(staffReminder.payload)).toContain(`entro il ${formatLongItalianDate(phaseDDue)}`);

    // Only staff mark it; then the Comune is told, in the request's thread, when the service may start.
    const actions = sportello.contracts.actions;
    const worker = { ...testStaffCaller, role: 'social_worker' as const, municipalityId: '019035' };
    expect(
      await actions.markPhaseD(worker, { contractId, version: returned.version, operatorName: null }),
    ).toMatchObject({
      outcome: 'forbidden',
    });
    const marked = await actions.markPhaseD(testStaffCaller, {
      contractId,
      version: returned.version,
      operatorName: null,
    });
    expect(marked.outcome).toBe('decided');
    if (marked.outcome !== 'decided') return;
    const today = romeDateOf(new Date());
    expect(marked.card.milestones.map((step) => [step.label, step.actual])).toEqual([
      ["Invio del contratto all'ente", today],
      ["Restituzione firmata dall'ente", returnedOn],
      ['Fase D in Gecas', today],
      ['Avvio del servizio (comunicato al Comune)', marked.card.milestones[3]!.actual],
    ]);
    expect(marked.card.milestones[2]!.planned).toBe(phaseDDue);
    expect(
      await actions.markPhaseD(testStaffCaller, {
        contractId,
        version: returned.version + 1,
        operatorName: null,
      }),
    ).toMatchObject({
      outcome: 'stale',
    });
    const told = await capture.waitFor(
      (sent) =>
        /avvio del servizio$/.test(sent.parsed.subject ?? '') &&
        sent.parsed.subject!.includes(marked.card.protocol),
    );
    expect(told.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
    const text = told.parsed.text!.replace(/\s+/g, ' ');
    expect(text).toContain("Operatore incaricato indicato dall'ente: Lucia Verdi.");
    expect(text).toContain('Il servizio può prendere avvio dal');
    expect(text).toContain("dopo l'inserimento in Gecas del Piano Assistenziale Individualizzato (PAI)");
  }, 60_000);

  it('records a written refusal with its motivation, tells the Comune, and alerts staff past five a year', async () => {
    const { contractId, protocol, mail } = await contractSentToProvider(2);
    const provider = (await contract(contractId)).providerId!;
    // Five refusals this year already on record for this provider.
    for (let serial = 10; serial < 15; serial += 1) {
      const earlier = await acceptedRequest(sportello.database, {
        draft: sadActivation({
          beneficiary: {
            surname: 'Rifiuto',
            name: `Ente${serial}`,
            taxCode: `RFTENT${String(serial).padStart(10, '0')}`,
          },
        }),
      });
      await sportello.database.prisma.contract.update({
        where: { id: earlier.contractId! },
        data: {
          state: 'refused',
          refusedAt: new Date(),
          providerId: provider,
          refusalReason: 'nessun operatore',
        },
      });
    }
    await appendMessages(mailbox, [
      await replyTo(mail, {
        text: "Gentili,\nsiamo spiacenti ma non possiamo accettare l'incarico: nessun operatore disponibile nella zona di Crema fino a maggio.\nCordiali saluti",
      }),
    ]);
    await expect.poll(async () => (await contract(contractId)).state, { timeout: 20_000 }).toBe('refused');
    expect((await contract(contractId)).refusalReason).toContain(
      'nessun operatore disponibile nella zona di Crema',
    );
    const toComune = await capture.waitFor(
      (message) => message.parsed.subject === `Re: pratica n. ${protocol} – rifiuto dell'ente`,
      20_000,
    );
    expect(toComune.envelopeTo).toEqual(['servizi.sociali@comune.crema.cr.it']);
    expect(toComune.parsed.text).toContain('indicare un altro ente accreditato');
    const year = new Date().getUTCFullYear();
    const alert = await sportello.database.prisma.outboxMessage.findUnique({
      where: { idempotencyKey: `provider-refusals:${provider}:${year}:6` },
    });
    expect((alert?.payload as { text?: string } | undefined)?.text).toMatch(
      /ha rifiutato 6 contratti nel \d{4}, oltre il limite di 5/,
    );
  }, 60_000);

  it('never takes an out-of-office reply in the thread for an answer', async () => {
    const { contractId, mail } = await contractSentToProvider(3);
    await appendMessages(mailbox, [
      await replyTo(mail, {
        subject: 'Risposta automatica: fuori sede',
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: 'Sono fuori sede fino al 10, non posso accettare richieste urgenti.',
        attachments: [
          { filename: 'logo.png', content: Buffer.from('89504e47', 'hex'), contentType: 'image/png' },
        ],
      }),
    ]);
    await expect.poll(() => folderCounts(mailbox, ['INBOX']), { timeout: 20_000 }).toEqual({ INBOX: 0 });
    expect((await contract(contractId)).state).toBe('sent');
  }, 60_000);

  it('(5) takes no answer from a stranger in the thread, nor a 15-byte "PDF" from the provider', async () => {
    const { contractId, mail } = await contractSentToProvider(4);
    const signed = Buffer.from(
      await pdfWithLines(['CONTRATTO DI AVVIO DEL SERVIZIO', 'Firmato: il legale rappresentante']),
    );
    const staffBefore = (await folderCounts(mailbox, ['Da verificare']))['Da verificare'] ?? 0;
    await appendMessages(mailbox, [
      // Whoever knows the Message-ID (it travels in cards and e-mails) can write in the thread.
      await replyTo(mail, {
        from: 'Coordinamento <contratti@ilgirasole-coop.example>',
        text: 'In allegato il contratto firmato.',
        attachments: [{ filename: 'contratto firmato.pdf', content: signed, contentType: 'application/pdf' }],
      }),
      await replyTo(mail, {
        text: 'In allegato il contratto firmato.',
        attachments: [
          {
            filename: 'contratto firmato.pdf',
            content: Buffer.from('%PDF-1.7\nxxxxx'),
            contentType: 'application/pdf',
          },
        ],
      }),
    ]);
    await expect
      .poll(() => folderCounts(mailbox, ['INBOX', 'Da verificare']), { timeout: 20_000 })
      .toEqual({ INBOX: 0, 'Da verificare': staffBefore + 2 });
    expect((await contract(contractId)).state).toBe('sent');
    const notices = await sportello.database.prisma.outboxMessage.findMany({
      where: { channel: 'teams', payload: { path: ['type'], equals: 'message_for_staff' } },
      select: { payload: true },
    });
    const reasons = notices.map((notice) => (notice.payload as { reason: string }).reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['contract_reply_unregistered_sender', 'contract_reply_unreadable']),
    );
  }, 60_000);
});
