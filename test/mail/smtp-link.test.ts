import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpLink } from '../../mail/smtp/smtp-link.js';
import { ensureDovecot, folderCounts, lmtpPort, uniqueMailUser } from '../support/dovecot.js';

/** A real SMTP server that counts its connections and refuses one recipient. */
async function smtpServer() {
  const received: { to: string[]; subject: string | undefined }[] = [];
  const sessions: SMTPServerSession[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, callback) {
      sessions.push(session);
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nessuno@')) return callback(new Error('550 5.1.1 no such user'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: mail.subject });
          callback();
        });
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { server, port, received, sessions, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

const message = (subject: string) =>
  Buffer.from(`From: amministrazione@comunitasocialecremasca.it\r\nSubject: ${subject}\r\n\r\nTesto.\r\n`);
const from = 'amministrazione@comunitasocialecremasca.it';

describe('SmtpLink (one SMTP session kept open, against a real SMTP server)', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    // Last started, first stopped: the link's session ends before its server closes.
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  /** A server and a link to it, stopped after the test (the link first). */
  async function linkToServer() {
    const smtp = await smtpServer();
    stops.push(smtp.stop);
    const link = new SmtpLink({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      lmtp: false,
      login: { kind: 'none' },
    });
    stops.push(async () => link.close());
    return { smtp, link };
  }

  it('sends messages in order on one connection, and sends them all when given at once', async () => {
    const { smtp, link } = await linkToServer();
    await Promise.all(
      ['uno', 'due', 'tre', 'quattro'].map((subject) =>
        link.send({ from, to: ['servizi.sociali@comune.crema.cr.it'] }, message(subject)),
      ),
    );
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['uno', 'due', 'tre', 'quattro']);
    expect(smtp.sessions).toHaveLength(1);
  });

  it('rejects a refused recipient with the server’s answer, and sends the next message on a new session', async () => {
    const { smtp, link } = await linkToServer();
    await expect(
      link.send({ from, to: ['nessuno@comune.crema.cr.it'] }, message('rifiutato')),
    ).rejects.toMatchObject({
      responseCode: 550,
      command: 'RCPT TO',
    });
    await link.send({ from, to: ['servizi.sociali@comune.crema.cr.it'] }, message('dopo'));
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['dopo']);
  });

  it('fails while the server is down, without hanging, and sends once it is back', async () => {
    const smtp = await smtpServer();
    const port = smtp.port;
    await smtp.stop();
    const link = new SmtpLink({
      host: '127.0.0.1',
      port,
      secure: false,
      lmtp: false,
      login: { kind: 'none' },
    });
    await expect(
      link.send({ from, to: ['servizi.sociali@comune.crema.cr.it'] }, message('giù')),
    ).rejects.toThrow();
    const back = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    let delivered = 0;
    back.onData = (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        delivered += 1;
        callback();
      });
    };
    await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', () => resolve()));
    stops.push(() => new Promise<void>((r) => back.close(() => r())));
    stops.push(async () => link.close());
    await link.send({ from, to: ['servizi.sociali@comune.crema.cr.it'] }, message('su'));
    expect(delivered).toBe(1);
  });

  it('delivers by LMTP into a real Dovecot mailbox (the local set-up of npm start)', async () => {
    ensureDovecot();
    const user = uniqueMailUser('lmtp-link');
    const link = new SmtpLink({
      host: '127.0.0.1',
      port: lmtpPort,
      secure: false,
      lmtp: true,
      login: { kind: 'none' },
    });
    stops.push(async () => link.close());
    await link.send({ from, to: [user] }, message('consegnato'));
    await link.send({ from, to: [user] }, message('consegnato di nuovo'));
    expect(await folderCounts(user, ['INBOX'])).toEqual({ INBOX: 2 });
  });
});
