import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { AppError } from '../../domain/app-error.js';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

// npm run mail:read -- <address> — what arrived in a local mailbox of the project's Dovecot (where
// Sportello's replies to a Comune or a provider land when it runs on its embedded defaults): the
// latest messages, and the text of the newest.
const when = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  dateStyle: 'short',
  timeStyle: 'short',
});

await runCli(async () => {
  const address = process.argv[2];
  if (!address) {
    process.stderr.write(
      'Uso: npm run mail:read -- <indirizzo> (per esempio servizi.sociali@comune.crema.cr.it)\n',
    );
    return 2;
  }
  const config = loadConfig();
  if (config.mode === 'production' || config.mail.outgoing.kind !== 'lmtp')
    throw new AppError('invalid_input', 'mail:read reads only the local mailboxes', {
      userMessage:
        'Il comando legge solo le caselle locali di prova (modalità di sviluppo, senza SMTP_HOST).',
    });
  // The local Dovecot accepts any user with the development password (the office mailbox's).
  const client = new ImapFlow({
    host: config.mail.imap.host,
    port: config.mail.imap.port,
    secure: false,
    auth: { user: address, pass: config.mail.imap.password ?? '' },
    logger: false,
  });
  await client.connect();
  try {
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    if (mailbox.exists === 0) {
      process.stdout.write(`Nessun messaggio nella casella ${address}.\n`);
      return 0;
    }
    const first = Math.max(1, mailbox.exists - 9);
    let newest: Buffer | undefined;
    for await (const message of client.fetch(`${first}:*`, {
      envelope: true,
      internalDate: true,
      source: true,
    })) {
      const date = message.internalDate ? when.format(new Date(message.internalDate)) : '—';
      process.stdout.write(
        `${date}  ${message.envelope?.from?.[0]?.address ?? '—'}  ${message.envelope?.subject ?? ''}\n`,
      );
      newest = message.source;
    }
    if (newest) {
      const parsed = await simpleParser(newest);
      process.stdout.write(`\n— Testo del più recente —\n${parsed.text ?? ''}\n`);
    }
    return 0;
  } finally {
    await client.logout();
  }
});
