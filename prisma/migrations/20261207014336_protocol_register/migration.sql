-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "sha256" TEXT;

-- AlterTable
ALTER TABLE "request" ADD COLUMN     "subject" TEXT;

-- CreateTable
CREATE TABLE "received_document" (
    "id" UUID NOT NULL,
    "inbound_message_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "received_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "received_document_inbound_message_id_position_key" ON "received_document"("inbound_message_id", "position");

-- AddForeignKey
ALTER TABLE "received_document" ADD CONSTRAINT "received_document_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- DPR 445/2000 art. 57: protocol numbers have at least seven digits (six until now).
UPDATE "request" SET "protocol" = "protocol_year"::text || '/' || lpad("protocol_number"::text, 7, '0');

-- The impronta of the messages already received, from the copy kept.
UPDATE "inbound_message" SET "sha256" = encode(sha256("raw"), 'hex') WHERE "sha256" IS NULL;

-- DPR 445/2000 art. 53-54: the number, date, sender, subject and impronta of a register entry are
-- never changed once written, nor the entry deleted. The database refuses it, whatever the code asks.
CREATE FUNCTION "register_entry_unchangeable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registro di protocollo: % (%) non si modifica né si cancella', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0R01';
END
$$;

CREATE TRIGGER "request_register_entry" BEFORE UPDATE ON "request" FOR EACH ROW
WHEN (
  OLD."protocol" IS DISTINCT FROM NEW."protocol"
  OR OLD."protocol_year" IS DISTINCT FROM NEW."protocol_year"
  OR OLD."protocol_number" IS DISTINCT FROM NEW."protocol_number"
  OR OLD."received_at" IS DISTINCT FROM NEW."received_at"
  OR OLD."inbound_message_id" IS DISTINCT FROM NEW."inbound_message_id"
  OR (OLD."sender_address" IS NOT NULL AND OLD."sender_address" IS DISTINCT FROM NEW."sender_address")
  OR (OLD."authenticated_sender" IS NOT NULL AND OLD."authenticated_sender" IS DISTINCT FROM NEW."authenticated_sender")
  OR (OLD."subject" IS NOT NULL AND OLD."subject" IS DISTINCT FROM NEW."subject")
)
EXECUTE FUNCTION "register_entry_unchangeable"();
CREATE TRIGGER "request_register_entry_kept" BEFORE DELETE ON "request" FOR EACH ROW
EXECUTE FUNCTION "register_entry_unchangeable"();

CREATE TRIGGER "inbound_message_register_entry" BEFORE UPDATE ON "inbound_message" FOR EACH ROW
WHEN (
  OLD."received_at" IS DISTINCT FROM NEW."received_at"
  OR (OLD."from_address" IS NOT NULL AND OLD."from_address" IS DISTINCT FROM NEW."from_address")
  OR (OLD."sha256" IS NOT NULL AND OLD."sha256" IS DISTINCT FROM NEW."sha256")
)
EXECUTE FUNCTION "register_entry_unchangeable"();
CREATE TRIGGER "inbound_message_register_entry_kept" BEFORE DELETE ON "inbound_message" FOR EACH ROW
EXECUTE FUNCTION "register_entry_unchangeable"();

CREATE TRIGGER "received_document_unchangeable" BEFORE UPDATE OR DELETE ON "received_document"
FOR EACH ROW EXECUTE FUNCTION "register_entry_unchangeable"();
