-- DropIndex
DROP INDEX "request_inbound_message_id_key";

-- CreateIndex
CREATE INDEX "request_inbound_message_id_idx" ON "request"("inbound_message_id");
