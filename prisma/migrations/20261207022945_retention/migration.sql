-- AlterTable
ALTER TABLE "contract" ADD COLUMN     "documents_discarded_at" TIMESTAMPTZ(3),
ADD COLUMN     "docx_sha256" TEXT,
ADD COLUMN     "pdf_sha256" TEXT;

-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "raw_discarded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "discard_proposal" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "last_project_end" DATE NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "approved_by" TEXT,
    "discarded_at" TIMESTAMPTZ(3),
    "summary" JSONB,

    CONSTRAINT "discard_proposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "discard_proposal_beneficiary_id_key" ON "discard_proposal"("beneficiary_id");

-- CreateIndex
CREATE INDEX "discard_proposal_state_idx" ON "discard_proposal"("state");
