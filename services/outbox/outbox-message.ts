import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import type { EmailContent } from './email-content.js';

/** Someone Sportello writes to: an e-mail address, or people it reaches in Teams. */
export type Recipient =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'staff' }
  | { readonly kind: 'provider'; readonly id: string }
  | { readonly kind: 'municipality'; readonly id: string }
  | { readonly kind: 'user'; readonly id: string };

/** Those reached in Teams: the staff channel, a provider's or a Comune's users, one user. */
export type TeamsRecipient = Exclude<Recipient, { kind: 'address' }>;

const teamsPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }).readonly(),
  z
    .object({
      type: z.literal('request_accepted'),
      protocol: z.string(),
      kind: z.string(),
      service: z.string().nullable(),
    })
    .readonly(),
  z
    .object({
      type: z.literal('message_for_staff'),
      inboundId: z.string(),
      reason: z.string(),
      from: z.string().nullable(),
      subject: z.string().nullable(),
      note: z.string().optional(),
    })
    .readonly(),
  z.object({ type: z.literal('message_quarantined'), inboundId: z.string(), reason: z.string() }).readonly(),
  // An accepted variation or cessation applied to its project; staff may cancel it. `lines`: what
  // changed, in Italian, one line each.
  z
    .object({
      type: z.literal('project_changed'),
      protocol: z.string(),
      kind: z.enum(['variation', 'cessation']),
      service: z.string(),
      provider: z.string().nullable(),
      lines: z.array(z.string()).readonly(),
    })
    .readonly(),
  // A cumulative contract owed after a forecast; its card shows it as it is when sent.
  z.object({ type: z.literal('cumulative_contract'), id: z.string() }).readonly(),
  // `sender`: the sender whose replies are withheld for the hour.
  z
    .object({
      type: z.literal('reply_withheld'),
      inboundId: z.string(),
      reason: z.enum(['rate_limit', 'no_address']),
      protocol: z.string().nullable(),
      sender: z.string().optional(),
    })
    .readonly(),
]);

/** What a Teams message says (its schema is the one definition); each kind is rendered by the Teams channel. */
export type TeamsPayload = z.infer<typeof teamsPayloadSchema>;

/** A message leaving Sportello: written to the outbox with its cause, sent once by its channel. */
export type OutboxMessage =
  | {
      readonly channel: 'email';
      readonly idempotencyKey: string;
      readonly recipient: { readonly kind: 'address'; readonly address: string };
      readonly payload: { readonly type: 'email' } & EmailContent;
    }
  | {
      readonly channel: 'teams';
      readonly idempotencyKey: string;
      readonly recipient: TeamsRecipient;
      readonly payload: TeamsPayload;
    };

export type OutboxChannel = OutboxMessage['channel'];

/** An e-mail for the outbox, to the address the e-mail names. */
export function emailMessage(idempotencyKey: string, email: EmailContent): OutboxMessage {
  return {
    channel: 'email',
    idempotencyKey,
    recipient: { kind: 'address', address: email.to },
    payload: { type: 'email', ...email },
  };
}

/** A Teams message of any kind. */
export function teamsMessage(
  idempotencyKey: string,
  recipient: TeamsRecipient,
  payload: TeamsPayload,
): OutboxMessage {
  return { channel: 'teams', idempotencyKey, recipient, payload };
}

/** A plain Teams text (markdown as Teams shows it). */
export function teamsText(idempotencyKey: string, recipient: TeamsRecipient, text: string): OutboxMessage {
  return teamsMessage(idempotencyKey, recipient, { type: 'text', text });
}

export const staffRecipient: TeamsRecipient = { kind: 'staff' };

/** How a recipient is stored (and indexed): the address itself, `staff`, or `<kind>:<id>`. */
export function recipientKey(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'address':
      return recipient.address;
    case 'staff':
      return 'staff';
    default:
      return `${recipient.kind}:${recipient.id}`;
  }
}

const teamsKinds = ['provider', 'municipality', 'user'] as const;

/** The recipient a stored key names on a channel; null when the key makes no sense there. */
export function recipientOfKey(channel: OutboxChannel, key: string): Recipient | null {
  if (channel === 'email') return key.includes('@') ? { kind: 'address', address: key } : null;
  if (key === 'staff') return { kind: 'staff' };
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const id = key.slice(separator + 1);
  const known = teamsKinds.find((candidate) => candidate === kind);
  return separator > 0 && id && known ? { kind: known, id } : null;
}

const emailPayloadSchema = z.object({
  type: z.literal('email'),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  headers: z.record(z.string(), z.string()),
  attachments: z
    .array(z.object({ filename: z.string(), contentBase64: z.string(), contentType: z.string() }))
    .optional(),
});

/** An outbox row as stored: recipient key and JSON payload, not yet trusted. */
export interface StoredOutboxRow {
  readonly idempotencyKey: string;
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly payload: unknown;
}

/**
 * Reads a stored row back into a typed message. A row that does not parse (written by an older
 * version, or edited by hand) fails with `invalid_input`, and the dispatcher sets it aside.
 */
export function readOutboxRow(row: StoredOutboxRow): OutboxMessage {
  const recipient = recipientOfKey(row.channel, row.recipient);
  const invalid = (what: string) =>
    new AppError('invalid_input', `Outbox message ${row.idempotencyKey}: ${what}`, {
      details: { idempotencyKey: row.idempotencyKey },
    });
  if (!recipient) throw invalid('unknown recipient');
  if (row.channel === 'email') {
    const payload = emailPayloadSchema.safeParse(row.payload);
    if (!payload.success || recipient.kind !== 'address') throw invalid('not an e-mail');
    return { channel: 'email', idempotencyKey: row.idempotencyKey, recipient, payload: payload.data };
  }
  const payload = teamsPayloadSchema.safeParse(row.payload);
  if (!payload.success || recipient.kind === 'address') throw invalid('not a Teams message');
  return { channel: 'teams', idempotencyKey: row.idempotencyKey, recipient, payload: payload.data };
}
