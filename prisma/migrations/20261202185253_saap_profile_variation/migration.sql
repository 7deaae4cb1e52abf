-- AlterTable
ALTER TABLE "project_change" ADD COLUMN     "operator_profile" TEXT,
ADD COLUMN     "previous_operator_profile" TEXT;
