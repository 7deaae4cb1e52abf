-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "forward_from" TEXT,
ADD COLUMN     "forward_note" TEXT,
ADD COLUMN     "forward_reason" TEXT,
ADD COLUMN     "forward_subject" TEXT;

-- The messages already handed to staff keep what their notice said: it was read from the outbox until now.
UPDATE "inbound_message" AS message
SET "forward_reason" = notice."payload"->>'reason',
    "forward_note" = notice."payload"->>'note',
    "forward_from" = notice."payload"->>'from',
    "forward_subject" = notice."payload"->>'subject'
FROM "outbox_message" AS notice
WHERE notice."idempotency_key" = 'message_for_staff:' || message."id"::text;
