-- CreateTable
CREATE TABLE "contract_template_check" (
    "fingerprint" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_template_check_pkey" PRIMARY KEY ("fingerprint")
);
