-- CreateTable
CREATE TABLE "cumulative_contract" (
    "id" UUID NOT NULL,
    "inbound_message_id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "project_ids" UUID[],
    "state" TEXT NOT NULL DEFAULT 'due',
    "version" INTEGER NOT NULL DEFAULT 0,
    "due_on" DATE NOT NULL,
    "return_working_days" INTEGER NOT NULL,
    "sent_on" DATE,
    "due_back_on" DATE,
    "returned_on" DATE,
    "phase_d_due_on" DATE NOT NULL,
    "phase_d_done_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cumulative_contract_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cumulative_contract_state_due_on_idx" ON "cumulative_contract"("state", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "cumulative_contract_inbound_message_id_provider_id_service_key" ON "cumulative_contract"("inbound_message_id", "provider_id", "service");

-- AddForeignKey
ALTER TABLE "cumulative_contract" ADD CONSTRAINT "cumulative_contract_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cumulative_contract" ADD CONSTRAINT "cumulative_contract_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cumulative_contract" ADD CONSTRAINT "cumulative_contract_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
