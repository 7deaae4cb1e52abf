-- AlterTable
ALTER TABLE "project" ADD COLUMN     "continues_project_id" UUID,
ADD COLUMN     "cumulative_contract_id" UUID;

-- CreateTable
CREATE TABLE "forecast" (
    "id" UUID NOT NULL,
    "inbound_message_id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "service" TEXT,
    "received_on" DATE NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "due_by" DATE NOT NULL,
    "late" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'to_confirm',
    "version" INTEGER NOT NULL DEFAULT 0,
    "confirmed_by" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forecast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecast_line" (
    "id" UUID NOT NULL,
    "forecast_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "tax_code" TEXT NOT NULL,
    "continued_project_id" UUID,
    "annual_minutes" INTEGER,
    "festive_minutes" INTEGER,
    "budget_cents" INTEGER,
    "included" BOOLEAN NOT NULL DEFAULT true,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "opened_project_id" UUID,

    CONSTRAINT "forecast_line_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "forecast_inbound_message_id_key" ON "forecast"("inbound_message_id");

-- CreateIndex
CREATE INDEX "forecast_state_received_on_idx" ON "forecast"("state", "received_on");

-- CreateIndex
CREATE UNIQUE INDEX "forecast_line_forecast_id_tax_code_key" ON "forecast_line"("forecast_id", "tax_code");

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_continues_project_id_fkey" FOREIGN KEY ("continues_project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_cumulative_contract_id_fkey" FOREIGN KEY ("cumulative_contract_id") REFERENCES "cumulative_contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast" ADD CONSTRAINT "forecast_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast" ADD CONSTRAINT "forecast_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_line" ADD CONSTRAINT "forecast_line_forecast_id_fkey" FOREIGN KEY ("forecast_id") REFERENCES "forecast"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
