import { describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { activationLines, composeEml, docxWith, lucaFerri, pdfWithLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import { officeDatabaseOfBlock } from '../support/office-database-hooks.js';
import { databaseKinds } from '../support/test-databases.js';

const receivedAt = new Date('2027-02-10T09:00:00Z');

// Issue 15: several forms in one message, each its own request, number and reply, in one transaction.
describe.each(databaseKinds)('a message with several forms on %s', (_kind, create) => {
  const db = officeDatabaseOfBlock(create);

  it('registers one request per form with consecutive numbers, answers each once, and nothing twice', async () => {
    const raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Tre richieste di attivazione',
      messageId: '<three@comune.crema.cr.it>',
      text: 'Si trasmettono tre richieste.',
      attachments: [
        {
          filename: 'bianchi.pdf',
          content: Buffer.from(await pdfWithLines(activationLines({ sad: '[X]' }))),
        },
        // Offanengo's minor: not Crema's to file, so staff get it (the others are answered).
        {
          filename: 'ferri.docx',
          content: Buffer.from(docxWith(activationLines({ ...lucaFerri, adm: '☒' }))),
        },
        {
          filename: 'rossi.pdf',
          content: Buffer.from(
            await pdfWithLines(
              activationLines({
                cognome: 'Rossi',
                nome: 'Giovanni',
                nascita: '11/02/1946',
                cf: 'RSSGNN46B11D142B',
                sad: '[X]',
              }),
            ),
          ),
        },
      ],
    });
    const intake = intakeOn(new PrismaIntakeStore(db.database), { clock: () => receivedAt });
    expect(await intake.handle({ ...fetched(raw.toString('latin1')), internalDate: receivedAt })).toBe(
      'processed',
    );
    const prisma = db.database.prisma;
    const requests = await prisma.request.findMany({
      orderBy: { protocol: 'asc' },
      include: { contracts: true },
    });
    expect(
      requests.map((request) => [
        request.protocol,
        (request.fields as { beneficiary: { surname: string } }).beneficiary.surname,
      ]),
    ).toEqual([
      ['2027/0000001', 'Bianchi'],
      ['2027/0000002', 'Rossi'],
    ]);
    expect(new Set(requests.map((request) => request.inboundMessageId)).size).toBe(1);
    expect(requests.every((request) => request.contracts.length === 1)).toBe(true);
    const replies = await prisma.outboxMessage.findMany({
      where: { channel: 'email' },
      orderBy: { idempotencyKey: 'asc' },
    });
    expect(replies.map((reply) => (reply.payload as { subject: string }).subject)).toEqual([
      expect.stringContaining('pratica n. 2027/0000001'),
      expect.stringContaining('pratica n. 2027/0000002'),
    ]);
    const staff = await prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'message_for_staff:' } },
    });
    expect(staff.map((notice) => notice.payload)).toEqual([
      expect.objectContaining({ reason: 'other_municipality' }),
    ]);

    // Delivered again (a restart before the move): nothing more.
    expect(await intake.handle({ ...fetched(raw.toString('latin1')), internalDate: receivedAt })).toBe(
      'processed',
    );
    expect(await prisma.request.count()).toBe(2);
    expect(await prisma.outboxMessage.count({ where: { channel: 'email' } })).toBe(2);
  });
});
