import { describe, expect, it } from 'vitest';
import { PrismaIntakeStore } from '../../prisma/repositories/prisma-intake-store.js';
import { activationLines, composeEml, formMessage, variationFormLines } from '../support/compose-mail.js';
import { fetched, intakeOn } from '../support/in-memory-intake.js';
import { officeDatabaseOfBlock } from '../support/office-database-hooks.js';
import { databaseKinds } from '../support/test-databases.js';

// Messages of one batch are read together but take effect in arrival order: a variation that
// follows, in the same batch, the activation opening its project finds that project (seed l. 492-504).
describe.each(databaseKinds)('a batch read together on %s', (_kind, create) => {
  const db = officeDatabaseOfBlock(create);

  it('applies a variation to the project an activation earlier in the same batch opened', async () => {
    const intake = intakeOn(new PrismaIntakeStore(db.database), { readsTogether: 2 });
    const activation = formMessage(activationLines(), 'batch-a1');
    // With a note attached: a variation is planned again after the activation, and its files'
    // impronte are recorded all the same (issue 26).
    const variation = (
      await composeEml({
        from: 'servizi.sociali@comune.crema.cr.it',
        to: 'amministrazione@comunitasocialecremasca.it',
        subject: 'Modulo Bianchi',
        messageId: '<batch-v1@comune.crema.cr.it>',
        text: variationFormLines({ decorrenza: '01/04/2027' }).join('\n'),
        attachments: [{ filename: 'nota.txt', content: Buffer.from('Nota del servizio.') }],
      })
    ).toString('latin1');
    expect(await intake.handleBatch([fetched(activation, 1n), fetched(variation, 2n)])).toEqual([
      'processed',
      'processed',
    ]);
    const request = await db.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<batch-v1@comune.crema.cr.it>' },
      select: { status: true, problems: true, projectChange: true },
    });
    expect(request.problems).toEqual([]);
    expect(request.status).toBe('acknowledged');
    expect(request.projectChange).toMatchObject({ kind: 'variation', committedBudgetCents: 520_000 });
    const documents = await db.database.prisma.receivedDocument.findMany({
      where: { inboundMessage: { messageId: '<batch-v1@comune.crema.cr.it>' } },
    });
    expect(documents.map(({ fileName, position }) => ({ fileName, position }))).toEqual([
      { fileName: 'nota.txt', position: 1 },
    ]);
  });

  it('(issue 24, point 4) answers the same form sent twice in one batch once, and the second as already registered', async () => {
    // Seed l. 163 against l. 339-373: one project per beneficiary and service for a period.
    const intake = intakeOn(new PrismaIntakeStore(db.database), { readsTogether: 3 });
    const form = activationLines({
      cognome: 'Doppi',
      nome: 'Anna',
      cf: 'DPPNNA45A41D142L',
      nascita: '01/01/1945',
    });
    const byPec = formMessage(form, 'twice-pec');
    const byMail = formMessage(form, 'twice-mail');
    const other = formMessage(
      activationLines({ cognome: 'Unici', nome: 'Rosa', cf: 'NCURSO45A41D142I', nascita: '01/01/1945' }),
      'once',
    );
    expect(
      await intake.handleBatch([fetched(byPec, 11n), fetched(other, 12n), fetched(byMail, 13n)]),
    ).toEqual(['processed', 'processed', 'staff']);
    const requests = await db.database.prisma.request.findMany({
      where: { beneficiary: { taxCode: 'DPPNNA45A41D142L' } },
      select: { protocol: true, threadMessageId: true },
    });
    expect(requests).toHaveLength(1);
    expect(
      await db.database.prisma.project.count({ where: { beneficiary: { taxCode: 'DPPNNA45A41D142L' } } }),
    ).toBe(1);
    const replies = await db.database.prisma.outboxMessage.findMany({
      where: {
        channel: 'email',
        payload: { path: ['inReplyTo'], equals: '<twice-mail@comune.crema.cr.it>' },
      },
      select: { payload: true },
    });
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.payload as { subject: string; text: string };
    expect(reply.subject).toBe(`Richiesta già registrata – pratica n. ${requests[0]!.protocol}`);
    expect(reply.text).toContain('Non è stato avviato un nuovo procedimento');
    const staff = await db.database.prisma.outboxMessage.findMany({
      where: { payload: { path: ['reason'], equals: 'duplicate_request' } },
      select: { payload: true },
    });
    expect(staff).toHaveLength(1);
    expect((staff[0]!.payload as { note: string }).note).toContain(`pratica n. ${requests[0]!.protocol}`);
    // Sent again later, on its own, it is still the same request.
    expect(await intake.handle(fetched(formMessage(form, 'twice-again'), 14n))).toBe('staff');
    expect(
      await db.database.prisma.request.count({ where: { beneficiary: { taxCode: 'DPPNNA45A41D142L' } } }),
    ).toBe(1);
  });
});
