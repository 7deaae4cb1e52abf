-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "archive_note" TEXT,
ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "archived_by" TEXT;

-- CreateIndex
CREATE INDEX "inbound_message_state_archived_at_received_at_idx" ON "inbound_message"("state", "archived_at", "received_at");
