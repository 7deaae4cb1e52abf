import type { OutboxDraft } from '../../mail/intake/intake-store.js';
import type { Prisma } from '../generated/client.js';

/** Queues messages once each (their idempotency keys are unique). */
export async function writeOutbox(
  tx: Prisma.TransactionClient,
  drafts: readonly OutboxDraft[],
): Promise<void> {
  if (drafts.length === 0) return;
  await tx.outboxMessage.createMany({
    data: drafts.map((draft) => ({
      idempotencyKey: draft.idempotencyKey,
      channel: draft.channel,
      recipient: draft.recipient,
      payload: draft.payload as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
}
