-- CreateIndex
CREATE INDEX "outbox_message_channel_recipient_created_at_idx" ON "outbox_message"("channel", "recipient", "created_at");
