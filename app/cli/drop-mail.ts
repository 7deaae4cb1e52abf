import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { AppError } from '../../domain/app-error.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run mail:drop -- <file.eml> — delivers a message into the local office mailbox (the
// project's Dovecot, over LMTP), as the office's server would: the date of receipt is the server's.
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('Uso: npm run mail:drop -- <messaggio.eml>\n');
    return 2;
  }
  const config = loadConfig();
  if (config.mail.outgoing.kind !== 'lmtp')
    throw new AppError('invalid_input', 'mail:drop delivers only to the local mailbox', {
      userMessage:
        'Il comando consegna solo nella casella locale di prova: con una casella reale (IMAP_HOST, SMTP_HOST) inviare il messaggio con un normale programma di posta.',
    });
  const raw = await readFile(file);
  const transport = nodemailer.createTransport({
    lmtp: true,
    host: config.mail.outgoing.host,
    port: config.mail.outgoing.port,
  });
  await transport.sendMail({
    envelope: { from: 'prova@localhost', to: config.mail.imap.user },
    raw,
  });
  process.stdout.write(
    `Consegnato nella casella ${config.mail.imap.user}. Sportello lo legge entro un secondo; la risposta arriva nella casella del mittente: npm run mail:read -- <indirizzo del mittente>\n`,
  );
});
