import { describe, expect, it } from 'vitest';
import type { NoticeOffice } from '../../services/intake/procedure-notice.js';
import { InMemoryIntakeStore } from '../support/fakes/in-memory-intake-store.js';
import { fetched, intakeOn, receivedAt } from '../support/in-memory-intake.js';
import { sadRequest } from '../support/generated-mail.js';
import { activationLines, lucaFerri } from '../support/compose-mail.js';

// The intake use case over an in-memory store: no database, no mail server.
describe('mail intake (use case, in memory)', () => {
  it('numbers a valid request, answers it once with its number, and files the message', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store);
    const message = fetched(sadRequest('a', receivedAt));
    expect(await intake.handle(message)).toBe('processed');
    expect(await intake.handle(message)).toBe('processed'); // redelivered: nothing new
    expect(store.requests.map((request) => request.protocol)).toEqual(['2027/0000001']);
    const reply = [...store.outbox.values()].find((row) => row.channel === 'email');
    expect(reply?.payload).toMatchObject({ to: 'servizi.sociali@comune.crema.cr.it' });
    expect(reply?.channel === 'email' && reply.payload.subject).toContain('pratica n. 2027/0000001');
    expect([...store.outbox.keys()].filter((key) => key.startsWith('reply:'))).toHaveLength(1);
  });

  it('names the person responsible and where to see the documents, and the number as configured (art. 8 c. 2)', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const notice: NoticeOffice = {
      numberLabel: 'protocollo',
      responsibleName: 'Dott.ssa Elena Verdi',
      recordsOffice: 'Ufficio Amministrazione, Via Goldaniga 11, Crema, dal lunedì al venerdì 9-12',
    };
    await intakeOn(store, { notice }).handle(fetched(sadRequest('named', receivedAt)));
    const reply = [...store.outbox.values()].find((row) => row.channel === 'email')!;
    const email = reply.channel === 'email' ? reply.payload : null;
    expect(email?.subject).toContain('Avvio del procedimento – prot. 2027/0000001');
    expect(email?.text).toContain(
      "Responsabile del procedimento: Dott.ssa Elena Verdi, Responsabile dell'Area Amministrativa",
    );
    expect(email?.text).toContain(`Ufficio presso cui prendere visione degli atti: ${notice.recordsOffice}`);
    expect(email?.text).toContain('registrata con protocollo n. 2027/0000001');
  });

  it('keeps a co-paying Comune outside the Ambito: 50% share in the notice, staff told to ask it (seed l. 627-629)', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const form = activationLines({
      ...lucaFerri,
      adm: '☒',
      ore: '100',
      budget: '€ 5.000,00',
      compartecipa: 'Lodi',
    });
    const raw = [
      'From: servizi.sociali@comune.offanengo.cr.it',
      'To: amministrazione@comunitasocialecremasca.it',
      'Subject: Richiesta ADM Ferri',
      'Message-ID: <co-paying@comune.offanengo.cr.it>',
      `Date: ${receivedAt.toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      ...form,
    ].join('\r\n');
    expect(await intakeOn(store).handle(fetched(raw))).toBe('processed');
    const request = store.requests[0]!.decision.request!;
    expect(request.opens).toMatchObject({ coPayingMunicipalityId: null, coPayingOutsideAmbito: 'Lodi' });
    const reply = [...store.outbox.values()].find((row) => row.channel === 'email')!;
    expect(reply.channel === 'email' && reply.payload.text).toContain(
      'La spesa è ripartita al 50% con il Comune di Lodi',
    );
    const staff = store.outbox.get(`co-paying-outside:${store.requests[0]!.inboundId}`);
    expect(JSON.stringify(staff?.payload)).toContain("va inoltrata direttamente dall'Azienda");
  });

  it('decides again under the next number when another process took the one it expected', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store);
    await intake.handle(fetched(sadRequest('first', receivedAt), 1n));
    store.takeBeforeNextCompletion = 3; // numbers 2, 3 and 4 go to another replica
    await intake.handle(fetched(sadRequest('second', receivedAt), 2n));
    expect(store.requests.map((request) => request.protocol)).toEqual(['2027/0000001', '2027/0000005']);
    const replies = [...store.outbox.values()].filter((row) => row.channel === 'email');
    // The notice states the number actually recorded, never the one first expected.
    expect(JSON.stringify(replies[1]!.payload)).toContain('2027/0000005');
    expect(JSON.stringify(replies[1]!.payload)).not.toContain('2027/0000002');
  });

  it('numbers a batch in arrival order, all again after a number taken by another process meanwhile', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store, { readsTogether: 4 });
    store.takeBeforeNextCompletion = 2; // numbers 1 and 2 go to another replica
    const batch = [1n, 2n, 3n, 4n].map((uid) => fetched(sadRequest(`batch${uid}`, receivedAt), uid));
    expect(await intake.handleBatch(batch)).toEqual(['processed', 'processed', 'processed', 'processed']);
    expect(store.requests.map((request) => request.protocol)).toEqual([
      '2027/0000003',
      '2027/0000004',
      '2027/0000005',
      '2027/0000006',
    ]);
    const subjects = [...store.outbox.values()].flatMap((row) =>
      row.channel === 'email' ? [row.payload.subject] : [],
    );
    expect(subjects.map((subject) => /\d{4}\/\d{7}/.exec(subject)?.[0])).toEqual([
      '2027/0000003',
      '2027/0000004',
      '2027/0000005',
      '2027/0000006',
    ]);
    // The batch was read before its first commit: it went as one transaction, rolled back whole
    // when the replica's numbers were found taken, then one message at a time.
    expect(store.completions).toEqual([4, 1, 1, 1, 1]);
  });

  it('withholds replies beyond the hourly limit of a sender and tells staff instead', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store, { maxRepliesPerSenderPerHour: 2 });
    await intake.handleBatch([1n, 2n, 3n].map((uid) => fetched(sadRequest(`r${uid}`, receivedAt), uid)));
    const kinds = [...store.outbox.values()].map((row) =>
      row.channel === 'email' ? 'email' : row.payload.type,
    );
    expect(kinds.filter((kind) => kind === 'email')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'reply_withheld')).toHaveLength(1);
    expect(store.requests).toHaveLength(3);
  });

  it('quarantines what cannot be read, with the reason in Italian, and tells staff', async () => {
    const store = new InMemoryIntakeStore(() => receivedAt);
    const intake = intakeOn(store);
    const broken =
      'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="richiesta.pdf"\r\n\r\nJVBERi0xLjQKbm90IGEgcGRm\r\n--x--\r\n';
    expect(await intake.handle(fetched(broken))).toBe('quarantine');
    const notice = [...store.outbox.values()].find((row) => row.channel === 'teams');
    expect(notice?.payload).toMatchObject({ type: 'message_quarantined' });
    expect(store.requests).toHaveLength(0);
  });
});
