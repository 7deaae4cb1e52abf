import { configurationEntries } from './config-reference.js';

// /etc/sportello/sportello.env as the Debian package installs it the first time: the values an office
// must give first, then every other variable commented out with its default and meaning, written from
// the configuration's schema like docs/configuration.md, so that the example cannot drift.

/** What an installation on a Debian server sets, in order, with the value to start from ('' = to fill). */
const installation: readonly (readonly [name: string, value: string, note: string])[] = [
  ['SPORTELLO_MODE', 'production', 'produzione: credenziali e token obbligatori'],
  ['HTTP_HOST', '127.0.0.1', 'dietro il proxy inverso TLS sulla stessa macchina'],
  ['HTTP_PORT', '3978', ''],
  [
    'PUBLIC_BASE_URL',
    '',
    "l'indirizzo https pubblico, per esempio https://sportello.comunitasocialecremasca.it",
  ],
  ['DATABASE_URL', '', 'per esempio postgresql://sportello:<password>@127.0.0.1:5432/sportello'],
  ['DATABASE_MIGRATE_ON_START', 'true', "un solo server: le migrazioni si applicano all'avvio"],
  ['DEMO_DATA', 'false', ''],
  ['IMAP_HOST', 'outlook.office365.com', ''],
  ['IMAP_PORT', '993', ''],
  ['IMAP_SECURE', 'true', ''],
  ['IMAP_USER', '', "la casella dell'ufficio"],
  ['OAUTH_TOKEN_URL', '', 'https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token'],
  ['OAUTH_CLIENT_ID', '', "l'applicazione Entra ID con accesso IMAP/SMTP alla sola casella dell'ufficio"],
  ['OAUTH_CLIENT_SECRET', '', ''],
  [
    'MAIL_AUTHENTICATION',
    'exchange-online',
    'mittenti verificati dal server di Exchange Online (SECURITY.md)',
  ],
  ['SMTP_HOST', 'smtp.office365.com', ''],
  ['SMTP_PORT', '587', ''],
  ['MAIL_FROM', '', "l'indirizzo da cui partono le risposte"],
  ['MicrosoftAppId', '', 'la registrazione Entra ID del bot'],
  ['MicrosoftAppPassword', '', ''],
  ['MicrosoftAppTenantId', '', ''],
  ['TEAMS_ALLOWED_TENANT_IDS', '', ''],
  ['DOCUMENT_LINK_SECRET', '', 'almeno 32 caratteri casuali: openssl rand -base64 48'],
  ['PROCEDURE_RESPONSIBLE_NAME', '', 'tra virgolette, per esempio "Dott.ssa Elena Verdi"'],
  ['BACKUP_DIR', '/var/backups/sportello', ''],
];

/** A description as comment lines of about 100 characters. */
function commented(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + word.length < 100) lines[last] += ` ${word}`;
    else lines.push(`# ${word}`);
  }
  return lines.join('\n');
}

/** The settings file's text: systemd's EnvironmentFile syntax, which `sportello` also reads. */
export function configurationEnvExample(): string {
  const entries = configurationEntries();
  const known = new Set(entries.map((entry) => entry.name));
  const lines = [
    '# Impostazioni di Sportello. Il servizio sportello.service e il comando `sportello` leggono questo file;',
    '# gli aggiornamenti del pacchetto non lo toccano mai. Una riga NOME= vuota vale come non impostata.',
    '# Compilare le voci vuote qui sotto, poi: systemctl enable --now sportello.service sportello-backup.timer',
    '# Guida: /usr/share/doc/sportello/operations.md; ogni variabile: /usr/share/doc/sportello/configuration.md',
    '',
    '## Installazione',
  ];
  for (const [name, value, note] of installation) {
    if (!known.has(name)) throw new Error(`the installation sets ${name}, which the configuration lacks`);
    if (note) lines.push(`# ${note}`);
    lines.push(`${name}=${value}`);
  }
  let section = '';
  const set = new Set(installation.map(([name]) => name));
  for (const entry of entries.filter((entry) => !set.has(entry.name))) {
    if (entry.section !== section) lines.push('', `## ${(section = entry.section)}`);
    lines.push(commented(entry.description), `#${entry.name}=${entry.fallback ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
