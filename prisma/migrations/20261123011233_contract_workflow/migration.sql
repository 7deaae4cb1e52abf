-- AlterTable
ALTER TABLE "contract" ADD COLUMN     "follow_up_done_at" TIMESTAMPTZ(3),
ADD COLUMN     "refusal_reason" TEXT,
ADD COLUMN     "refused_at" TIMESTAMPTZ(3),
ADD COLUMN     "returned_document" BYTEA,
ADD COLUMN     "returned_file_name" TEXT,
ADD COLUMN     "template_name" TEXT;

-- CreateIndex
CREATE INDEX "contract_provider_id_refused_at_idx" ON "contract"("provider_id", "refused_at");
