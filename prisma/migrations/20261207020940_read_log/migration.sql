-- CreateTable
CREATE TABLE "read_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "beneficiary_id" UUID,
    "protocol" TEXT,

    CONSTRAINT "read_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "read_log_beneficiary_id_at_idx" ON "read_log"("beneficiary_id", "at");

-- CreateIndex
CREATE INDEX "read_log_at_idx" ON "read_log"("at");

-- The read log is append-only and kept at least 24 months (GDPR art. 5 c. 2): the database refuses
-- any change, and the deletion of an entry younger than that.
CREATE FUNCTION "read_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registro degli accessi: le voci non si modificano e si cancellano solo dopo 24 mesi'
    USING ERRCODE = 'P0R02';
END
$$;

CREATE TRIGGER "read_log_unchangeable" BEFORE UPDATE ON "read_log" FOR EACH ROW
EXECUTE FUNCTION "read_log_append_only"();
CREATE TRIGGER "read_log_kept" BEFORE DELETE ON "read_log" FOR EACH ROW
WHEN (OLD."at" > now() - interval '24 months')
EXECUTE FUNCTION "read_log_append_only"();
