-- AlterTable
ALTER TABLE "request" ADD COLUMN     "authenticated_sender" TEXT,
ADD COLUMN     "sender_municipality_id" TEXT;

-- CreateTable
CREATE TABLE "counterpart_address" (
    "id" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "municipality_id" TEXT,
    "provider_id" UUID,
    "pec" BOOLEAN NOT NULL DEFAULT false,
    "receives_notices" BOOLEAN NOT NULL DEFAULT false,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "counterpart_address_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "counterpart_address_address_key" ON "counterpart_address"("address");

-- CreateIndex
CREATE INDEX "counterpart_address_municipality_id_idx" ON "counterpart_address"("municipality_id");

-- CreateIndex
CREATE INDEX "counterpart_address_provider_id_idx" ON "counterpart_address"("provider_id");

-- CreateIndex
CREATE INDEX "request_authenticated_sender_created_at_idx" ON "request"("authenticated_sender", "created_at");

-- CreateIndex
CREATE INDEX "request_sender_municipality_id_created_at_idx" ON "request"("sender_municipality_id", "created_at");

-- AddForeignKey
ALTER TABLE "counterpart_address" ADD CONSTRAINT "counterpart_address_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "counterpart_address" ADD CONSTRAINT "counterpart_address_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The addresses on file of the Comuni become their registered offices, then the column goes.
INSERT INTO "counterpart_address" ("id", "address", "municipality_id", "receives_notices")
SELECT gen_random_uuid(), lower("email"), "istat_code", true FROM "municipality" WHERE "email" IS NOT NULL
ON CONFLICT ("address") DO NOTHING;

-- AlterTable
ALTER TABLE "municipality" DROP COLUMN "email";
