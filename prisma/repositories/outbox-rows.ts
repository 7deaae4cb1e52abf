import { recipientKey, type OutboxMessage } from '../../services/outbox/outbox-message.js';
import type { Prisma } from '../generated/client.js';
import type { Sql } from '../database/sql.js';

/** Queues messages once each (their idempotency keys are unique). */
export async function writeOutbox(sql: Sql, drafts: readonly OutboxMessage[]): Promise<void> {
  if (drafts.length > 0) await writeAuditAndOutbox(sql, [], drafts);
}

/**
 * The audit rows of a state change and the messages it queues, in one statement: the mail
 * intake commits one of these per message, and each round trip counts in a backlog.
 */
export async function writeAuditAndOutbox(
  sql: Sql,
  audit: readonly Prisma.AuditLogCreateManyInput[],
  drafts: readonly OutboxMessage[],
): Promise<void> {
  const auditRows = audit.map((row) => ({
    actor: row.actor,
    action: row.action,
    entity_type: row.entityType,
    entity_id: row.entityId,
    from_state: row.fromState ?? null,
    to_state: row.toState ?? null,
    reason: row.reason ?? null,
    details: row.details ?? null,
  }));
  const outboxRows = drafts.map((draft) => ({
    idempotency_key: draft.idempotencyKey,
    channel: draft.channel,
    recipient: recipientKey(draft.recipient),
    payload: draft.payload,
  }));
  await sql.run`
    WITH audit AS (
      INSERT INTO audit_log (actor, action, entity_type, entity_id, from_state, to_state, reason, details)
      SELECT actor, action, entity_type, entity_id, from_state, to_state, reason, details
      FROM jsonb_to_recordset(${JSON.stringify(auditRows)}::jsonb) AS row(
        actor text, action text, entity_type text, entity_id text,
        from_state text, to_state text, reason text, details jsonb)
    )
    INSERT INTO outbox_message (id, idempotency_key, channel, recipient, payload)
    SELECT gen_random_uuid(), idempotency_key, channel::outbox_channel, recipient, payload
    FROM jsonb_to_recordset(${JSON.stringify(outboxRows)}::jsonb) AS row(
      idempotency_key text, channel text, recipient text, payload jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}
