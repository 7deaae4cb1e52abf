-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "project_status" AS ENUM ('pending', 'active', 'ended', 'cancelled');

-- CreateEnum
CREATE TYPE "inbound_state" AS ENUM ('registered', 'processed', 'ignored', 'forwarded', 'quarantined');

-- CreateEnum
CREATE TYPE "request_status" AS ENUM ('acknowledged', 'integration_requested', 'accepted', 'rejected', 'closed');

-- CreateEnum
CREATE TYPE "contract_state" AS ENUM ('draft', 'approved', 'rejected', 'sent', 'returned', 'refused');

-- CreateEnum
CREATE TYPE "reminder_state" AS ENUM ('scheduled', 'sent', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "outbox_channel" AS ENUM ('email', 'teams');

-- CreateEnum
CREATE TYPE "outbox_state" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('staff', 'social_worker', 'provider');

-- CreateTable
CREATE TABLE "municipality" (
    "istat_code" TEXT NOT NULL,
    "cadastral_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "in_ambito" BOOLEAN NOT NULL DEFAULT true,
    "email" TEXT,

    CONSTRAINT "municipality_pkey" PRIMARY KEY ("istat_code")
);

-- CreateTable
CREATE TABLE "provider" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "email" TEXT NOT NULL,
    "pec" TEXT,
    "vat_rate_basis_points" INTEGER NOT NULL DEFAULT 500,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "beneficiary" (
    "id" UUID NOT NULL,
    "tax_code" TEXT NOT NULL,
    "surname" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "beneficiary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "co_paying_municipality_id" TEXT,
    "provider_id" UUID,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "annual_minutes" INTEGER,
    "committed_budget_cents" INTEGER NOT NULL,
    "operator_profile" TEXT,
    "upper_secondary" BOOLEAN NOT NULL DEFAULT false,
    "day_unit_id" TEXT,
    "status" "project_status" NOT NULL DEFAULT 'pending',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_message" (
    "id" UUID NOT NULL,
    "mailbox" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "message_id" TEXT,
    "content_hash" TEXT NOT NULL,
    "uid_validity" BIGINT,
    "uid" BIGINT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "from_address" TEXT,
    "raw" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "state" "inbound_state" NOT NULL DEFAULT 'registered',
    "kind" TEXT,
    "quarantine_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "protocol_counter" (
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "protocol_counter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "request" (
    "id" UUID NOT NULL,
    "protocol_year" INTEGER NOT NULL,
    "protocol_number" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL,
    "inbound_message_id" UUID,
    "kind" TEXT NOT NULL,
    "service" TEXT,
    "status" "request_status" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "received_on" DATE NOT NULL,
    "sender_address" TEXT,
    "thread_message_id" TEXT,
    "fields" JSONB NOT NULL,
    "problems" JSONB NOT NULL,
    "beneficiary_id" UUID,
    "municipality_id" TEXT,
    "project_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "project_id" UUID,
    "provider_id" UUID,
    "state" "contract_state" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 0,
    "docx" BYTEA,
    "pdf" BYTEA,
    "due_on" DATE,
    "due_back_on" DATE,
    "sent_at" TIMESTAMPTZ(3),
    "returned_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "outbound_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_state_change" (
    "id" BIGSERIAL NOT NULL,
    "contract_id" UUID NOT NULL,
    "from_state" "contract_state",
    "to_state" "contract_state" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_state_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hour_import" (
    "id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_hash" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hour_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hour_entry" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "festive_minutes" INTEGER NOT NULL DEFAULT 0,
    "back_office_minutes" INTEGER NOT NULL DEFAULT 0,
    "import_id" UUID,

    CONSTRAINT "hour_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "reminder_state" NOT NULL DEFAULT 'scheduled',
    "payload" JSONB NOT NULL,
    "outcome" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "channel" "outbox_channel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "outbox_state" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teams_user" (
    "id" UUID NOT NULL,
    "aad_object_id" TEXT,
    "user_principal_name" TEXT,
    "display_name" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    "municipality_id" TEXT,
    "provider_id" UUID,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "teams_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_reference" (
    "id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "teams_user_id" UUID,
    "scope" TEXT NOT NULL,
    "is_staff_channel" BOOLEAN NOT NULL DEFAULT false,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_reference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "from_state" TEXT,
    "to_state" TEXT,
    "reason" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "municipality_cadastral_code_key" ON "municipality"("cadastral_code");

-- CreateIndex
CREATE UNIQUE INDEX "provider_name_key" ON "provider"("name");

-- CreateIndex
CREATE UNIQUE INDEX "beneficiary_tax_code_key" ON "beneficiary"("tax_code");

-- CreateIndex
CREATE INDEX "beneficiary_municipality_id_surname_idx" ON "beneficiary"("municipality_id", "surname");

-- CreateIndex
CREATE INDEX "project_municipality_id_status_idx" ON "project"("municipality_id", "status");

-- CreateIndex
CREATE INDEX "project_provider_id_status_idx" ON "project"("provider_id", "status");

-- CreateIndex
CREATE INDEX "project_beneficiary_id_idx" ON "project"("beneficiary_id");

-- CreateIndex
CREATE INDEX "inbound_message_state_idx" ON "inbound_message"("state");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_message_mailbox_dedupe_key_key" ON "inbound_message"("mailbox", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "request_protocol_key" ON "request"("protocol");

-- CreateIndex
CREATE UNIQUE INDEX "request_inbound_message_id_key" ON "request"("inbound_message_id");

-- CreateIndex
CREATE INDEX "request_municipality_id_idx" ON "request"("municipality_id");

-- CreateIndex
CREATE UNIQUE INDEX "request_protocol_year_protocol_number_key" ON "request"("protocol_year", "protocol_number");

-- CreateIndex
CREATE UNIQUE INDEX "contract_outbound_message_id_key" ON "contract"("outbound_message_id");

-- CreateIndex
CREATE INDEX "contract_state_due_back_on_idx" ON "contract"("state", "due_back_on");

-- CreateIndex
CREATE INDEX "contract_provider_id_state_idx" ON "contract"("provider_id", "state");

-- CreateIndex
CREATE INDEX "contract_state_change_contract_id_at_idx" ON "contract_state_change"("contract_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "hour_import_file_hash_key" ON "hour_import"("file_hash");

-- CreateIndex
CREATE UNIQUE INDEX "hour_entry_project_id_year_month_key" ON "hour_entry"("project_id", "year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_idempotency_key_key" ON "reminder"("idempotency_key");

-- CreateIndex
CREATE INDEX "reminder_state_due_at_idx" ON "reminder"("state", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_idempotency_key_key" ON "outbox_message"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_message_state_next_attempt_at_idx" ON "outbox_message"("state", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "teams_user_aad_object_id_key" ON "teams_user"("aad_object_id");

-- CreateIndex
CREATE UNIQUE INDEX "teams_user_user_principal_name_key" ON "teams_user"("user_principal_name");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_reference_conversation_id_key" ON "conversation_reference"("conversation_id");

-- CreateIndex
CREATE INDEX "conversation_reference_teams_user_id_idx" ON "conversation_reference"("teams_user_id");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_at_idx" ON "audit_log"("entity_type", "entity_id", "at");

-- AddForeignKey
ALTER TABLE "beneficiary" ADD CONSTRAINT "beneficiary_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_co_paying_municipality_id_fkey" FOREIGN KEY ("co_paying_municipality_id") REFERENCES "municipality"("istat_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_state_change" ADD CONSTRAINT "contract_state_change_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hour_entry" ADD CONSTRAINT "hour_entry_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hour_entry" ADD CONSTRAINT "hour_entry_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "hour_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams_user" ADD CONSTRAINT "teams_user_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("istat_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams_user" ADD CONSTRAINT "teams_user_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_reference" ADD CONSTRAINT "conversation_reference_teams_user_id_fkey" FOREIGN KEY ("teams_user_id") REFERENCES "teams_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
