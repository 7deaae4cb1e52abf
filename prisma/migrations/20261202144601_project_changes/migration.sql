-- CreateTable
CREATE TABLE "project_change" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "effective_on" DATE NOT NULL,
    "committed_budget_cents" INTEGER NOT NULL,
    "annual_minutes" INTEGER,
    "end_date" DATE,
    "previous_committed_budget_cents" INTEGER NOT NULL,
    "previous_annual_minutes" INTEGER,
    "previous_end_date" DATE,
    "previous_status" "project_status" NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_change_request_id_key" ON "project_change"("request_id");

-- CreateIndex
CREATE INDEX "project_change_project_id_idx" ON "project_change"("project_id");

-- AddForeignKey
ALTER TABLE "project_change" ADD CONSTRAINT "project_change_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_change" ADD CONSTRAINT "project_change_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
