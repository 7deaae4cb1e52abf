-- AlterTable
ALTER TABLE "contract" ADD COLUMN     "operator_name" TEXT,
ADD COLUMN     "phase_d_done_by" TEXT,
ADD COLUMN     "phase_d_done_on" DATE,
ADD COLUMN     "phase_d_due_on" DATE,
ADD COLUMN     "service_may_start_on" DATE;
