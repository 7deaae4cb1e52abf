-- AlterTable
ALTER TABLE "request" ADD COLUMN     "office_protocol" TEXT;
