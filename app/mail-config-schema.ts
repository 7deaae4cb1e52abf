import { z } from 'zod';

// The mail side of the configuration (mailbox, relay, authentication of senders, reading, replies,
// outbox): its variables, spread into app/config-schema.ts.

export const port = z.coerce.number().int().min(0).max(65_535);
export const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The variables of the mailbox, the relay, the checks of senders and the replies. */
export const mailConfigFields = {
  MAIL_OWN_ADDRESSES: z
    .string()
    .default('amministrazione@comunitasocialecremasca.it,amministrazione@pec.comunitasocialecremasca.it')
    .describe("the office's own addresses, comma-separated: mail from them is never answered"),
  MAIL_MAX_MESSAGE_MB: z.coerce
    .number()
    .positive()
    .default(40)
    .describe('largest message read; past it a message is quarantined with its reason'),
  MAIL_MAX_ATTACHMENT_MB: z.coerce.number().positive().default(15).describe('largest attachment read'),
  MAIL_MAX_ATTACHMENTS: z.coerce
    .number()
    .int()
    .positive()
    .default(20)
    .describe('most attachments read in one message'),
  MAIL_MAX_DOCX_UNCOMPRESSED_MB: z.coerce
    .number()
    .positive()
    .default(50)
    .describe('largest Word, ODT or Excel file once unzipped'),
  MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR: z.coerce
    .number()
    .int()
    .positive()
    .default(200)
    .describe(
      'automatic replies per authenticated sender (never per Reply-To) in an hour; above it the reply is withheld and staff are told once per sender and hour',
    ),
  PROCEDURE_RESPONSIBLE_NAME: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'the person responsible for the procedure, named in every start-of-procedure notice with the role (L. 241/1990 art. 8 c. 2 lett. c); required in production. Unset: the role alone',
    ),
  PROCEDURE_RECORDS_OFFICE: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'where the documents of the procedure can be seen (art. 8 c. 2 lett. d). Unset: Ufficio Amministrazione, Via Goldaniga 11, Crema, previo appuntamento',
    ),
  REQUEST_NUMBER_IS_PROTOCOL: booleanFlag
    .default(false)
    .describe(
      "the notices call the request's number «numero di pratica» (Sportello's own register) unless the office made that register its protocol",
    ),
  MAIL_MAX_REPLIES_PER_MUNICIPALITY_PER_HOUR: z.coerce
    .number()
    .int()
    .positive()
    .default(500)
    .describe('automatic replies per registered Comune in an hour'),
  MAIL_AUTHSERV_ID: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .describe(
      "the authserv-id of the office's receiving server: only its `Authentication-Results` are read; a sender counts only with a verdict that passes for the From domain itself (aligned DMARC, or aligned SPF/DKIM where the domain has no DMARC record), anything else goes to staff unanswered (see SECURITY.md)",
    ),
  MAIL_AUTHENTICATION: z
    .enum(['authserv-id', 'exchange-online', 'off'])
    .optional()
    .describe(
      "whose verdict on senders is believed: `authserv-id` (the office's server, `MAIL_AUTHSERV_ID`), `exchange-online` (the topmost `Authentication-Results` of mail stamped `X-MS-Exchange-Organization-AuthAs: Anonymous`, aligned `dmarc=pass` or `compauth=pass`), `off` (senders not checked: development). Unset: `authserv-id` with `MAIL_AUTHSERV_ID`, else `off`",
    ),
  PEC_TRUSTED_PROVIDERS: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "AgID's index of PEC providers (LDIF, RFC 6109) or a folder of `<nome>.pem` + `<nome>.domains`: a PEC counts as certified only when one of them signed it for a domain it manages; unset, PEC is read as ordinary mail (see SECURITY.md)",
    ),
  SIGNATURE_TRUSTED_LIST: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "a trusted list (ETSI TS 119 612, e.g. AgID's `TSL-IT.xml`, its XML signature checked at start): a signed form's certificate is then called qualified or not on the card and in the history; unset, «validità del certificato non verificata»",
    ),
  SIGNATURE_TRUSTED_LIST_SIGNER_SHA256: z
    .string()
    .trim()
    .transform((value) => value.replace(/[:\s]/g, '').toLowerCase())
    .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 fingerprint, 64 hex digits'))
    .optional()
    .describe(
      'SHA-256 (hex) of the certificate expected to sign that list: another signer is refused at start',
    ),
  MAIL_FROM: z
    .string()
    .default('Comunità Sociale Cremasca <amministrazione@comunitasocialecremasca.it>')
    .describe('sender of the replies'),
  MAIL_WATCHER_ENABLED: booleanFlag
    .default(true)
    .describe('turn the watcher off (e.g. on a replica that only serves the bot)'),
  MAIL_READER_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .optional()
    .describe(
      'threads that decode and triage messages (one core stays for the event loop); `0` reads on the main thread. Unset: one per core beyond the first, 1 to 4',
    ),
  MAIL_READ_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .default(60)
    .describe('a message not read in that time is quarantined with its reason'),
  MAIL_READER_MEMORY_MB: z.coerce
    .number()
    .int()
    .min(128)
    .default(1024)
    .describe('memory of a reader thread; a message needing more is quarantined with its reason'),
  MAIL_OCR: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe(
      '`auto`: scans are read with Tesseract (Italian data) and pdftoppm when installed (`npm start` and `npm test` install them; `/health` says which); `off`: scans go to staff',
    ),
  IMAP_HOST: z.string().default('127.0.0.1').describe("the office mailbox's server"),
  IMAP_PORT: port.default(10143).describe('its port'),
  IMAP_SECURE: booleanFlag.default(false).describe('IMAP over TLS'),
  IMAP_USER: z
    .string()
    .default('amministrazione@comunitasocialecremasca.it')
    .describe("the office mailbox's login"),
  IMAP_PASSWORD: z
    .string()
    .optional()
    .describe(
      "its password; in production a password or OAuth2 is required. Unset in development: the local mailbox's",
    ),
  IMAP_MAILBOX: z.string().default('INBOX').describe('the folder watched; whatever is in it is unprocessed'),
  IMAP_FOLDER_PROCESSED: z.string().default('Elaborati').describe('where a handled message goes'),
  IMAP_FOLDER_STAFF: z.string().default('Da verificare').describe('where a message for staff goes'),
  IMAP_FOLDER_QUARANTINE: z.string().default('Quarantena').describe('where an unreadable message goes'),
  IMAP_USE_IDLE: booleanFlag.default(true).describe('IDLE, or polling for servers without it'),
  IMAP_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30_000)
    .describe('polling interval without IDLE'),
  IMAP_AUTO_IDLE_DELAY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(50)
    .describe('pause before returning to IDLE'),
  SMTP_HOST: z
    .string()
    .optional()
    .describe('outgoing relay; without it, local delivery over LMTP (`LMTP_HOST`, `LMTP_PORT`)'),
  SMTP_PORT: port.default(587).describe('its port'),
  SMTP_SECURE: booleanFlag.default(false).describe('SMTP over TLS'),
  SMTP_USER: z.string().optional().describe('relay login'),
  SMTP_PASSWORD: z.string().optional().describe('relay password'),
  LMTP_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('the local mailbox server replies are delivered to when no relay is set'),
  LMTP_PORT: port.default(10024).describe('its LMTP port'),
  OAUTH_TOKEN_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'client-credentials OAuth2 (XOAUTH2) for IMAP and SMTP, as Exchange Online requires: the token endpoint',
    ),
  OAUTH_CLIENT_ID: z.string().optional().describe('the OAuth2 application'),
  OAUTH_CLIENT_SECRET: z.string().optional().describe('its secret'),
  OAUTH_SCOPE: z.string().default('https://outlook.office365.com/.default').describe('the scope asked'),
  OUTBOX_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .default(2_000)
    .describe('outbox sender: how often it looks for messages to send'),
  OUTBOX_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(1_000)
    .describe('backoff base (doubling up to 10 minutes)'),
  OUTBOX_LEASE_MS: z.coerce
    .number()
    .int()
    .min(500)
    .default(30_000)
    .describe('how long a claimed message is held before another sender may retry it'),
};
