import { availableParallelism } from 'node:os';
import type { OutgoingServer } from '../mail/smtp/email-sender.js';
import { defaultMailLimits, type MailLimits } from '../mail/parsing/mail-limits.js';
import type { SenderCheck } from '../services/intake/sender-authentication.js';
import { commaList, type ConfigValues } from './config-schema.js';

/** The office mailbox, the outgoing relay, the reader threads and whom Sportello trusts about senders. */
export interface MailConfig {
  /** The office's own addresses: mail from them is never answered. */
  readonly ownAddresses: readonly string[];
  readonly limits: MailLimits;
  readonly from: string;
  readonly maxRepliesPerSenderPerHour: number;
  readonly maxRepliesPerMunicipalityPerHour: number;
  /** Whose Authentication-Results are believed: the office's server, Exchange Online, or nobody. */
  readonly senderCheck: SenderCheck;
  /** The accredited PEC providers' list (LDIF or folder); null: no envelope is certified as PEC. */
  readonly pecTrustedProviders: string | null;
  /** The trusted list of qualified CAs and the fingerprint expected of its signer; null: certificates not checked. */
  readonly signatureTrustedList: { readonly path: string; readonly signerSha256: string | null } | null;
  readonly watcherEnabled: boolean;
  /** Threads that decode and triage messages (0: the main thread), with a time and memory limit each. */
  readonly reader: { readonly threads: number; readonly timeoutMs: number; readonly memoryMb: number };
  /** Whether scans are read with OCR when Tesseract and its Italian data are installed. */
  readonly ocr: boolean;
  readonly imap: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string;
    readonly password: string | null;
    readonly mailbox: string;
    readonly folders: { readonly processed: string; readonly staff: string; readonly quarantine: string };
    readonly useIdle: boolean;
    readonly pollIntervalMs: number;
    readonly autoIdleDelayMs: number;
  };
  /** Outgoing mail: an SMTP relay, or local LMTP delivery when no SMTP host is configured. */
  readonly outgoing: OutgoingServer;
  /** OAuth2 client credentials for IMAP and SMTP (Exchange Online), when configured. */
  readonly oauth: {
    readonly tokenUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scope: string;
  } | null;
}

/** The mail part of the configuration, from the parsed environment. */
export function mailConfig(
  values: ConfigValues,
  production: boolean,
  oauth: MailConfig['oauth'],
): MailConfig {
  return {
    ownAddresses: commaList(values.MAIL_OWN_ADDRESSES).map((address) => address.toLowerCase()),
    limits: {
      ...defaultMailLimits,
      maxMessageBytes: megabytes(values.MAIL_MAX_MESSAGE_MB),
      maxAttachmentBytes: megabytes(values.MAIL_MAX_ATTACHMENT_MB),
      maxAttachments: values.MAIL_MAX_ATTACHMENTS,
      maxDocxUncompressedBytes: megabytes(values.MAIL_MAX_DOCX_UNCOMPRESSED_MB),
    },
    from: values.MAIL_FROM,
    maxRepliesPerSenderPerHour: values.MAIL_MAX_REPLIES_PER_SENDER_PER_HOUR,
    maxRepliesPerMunicipalityPerHour: values.MAIL_MAX_REPLIES_PER_MUNICIPALITY_PER_HOUR,
    senderCheck: senderCheckOf(values),
    pecTrustedProviders: values.PEC_TRUSTED_PROVIDERS ?? null,
    signatureTrustedList: values.SIGNATURE_TRUSTED_LIST
      ? {
          path: values.SIGNATURE_TRUSTED_LIST,
          signerSha256: values.SIGNATURE_TRUSTED_LIST_SIGNER_SHA256 ?? null,
        }
      : null,
    watcherEnabled: values.MAIL_WATCHER_ENABLED,
    reader: {
      // One core stays for the event loop (bot, database, mailbox).
      threads: values.MAIL_READER_THREADS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      timeoutMs: values.MAIL_READ_TIMEOUT_SECONDS * 1000,
      memoryMb: values.MAIL_READER_MEMORY_MB,
    },
    ocr: values.MAIL_OCR === 'auto',
    imap: {
      host: values.IMAP_HOST,
      port: values.IMAP_PORT,
      secure: values.IMAP_SECURE,
      user: values.IMAP_USER,
      // The local development mailbox (dev-services) accepts any user with this password.
      password: values.IMAP_PASSWORD ?? (production ? null : 'secret'),
      mailbox: values.IMAP_MAILBOX,
      folders: {
        processed: values.IMAP_FOLDER_PROCESSED,
        staff: values.IMAP_FOLDER_STAFF,
        quarantine: values.IMAP_FOLDER_QUARANTINE,
      },
      useIdle: values.IMAP_USE_IDLE,
      pollIntervalMs: values.IMAP_POLL_INTERVAL_MS,
      autoIdleDelayMs: values.IMAP_AUTO_IDLE_DELAY_MS,
    },
    outgoing: values.SMTP_HOST
      ? {
          kind: 'smtp',
          host: values.SMTP_HOST,
          port: values.SMTP_PORT,
          secure: values.SMTP_SECURE,
          user: values.SMTP_USER ?? null,
          password: values.SMTP_PASSWORD ?? null,
        }
      : { kind: 'lmtp', host: values.LMTP_HOST, port: values.LMTP_PORT },
    oauth,
  };
}

/** Whose verdict on senders is believed: the office's server when its id is known, Exchange Online if said. */
function senderCheckOf(values: ConfigValues): SenderCheck {
  const mode = values.MAIL_AUTHENTICATION ?? (values.MAIL_AUTHSERV_ID ? 'authserv-id' : 'off');
  if (mode === 'authserv-id') return { mode, authservId: values.MAIL_AUTHSERV_ID! };
  return { mode };
}

function megabytes(value: number): number {
  return Math.round(value * 1024 * 1024);
}
