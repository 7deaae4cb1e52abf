-- AlterTable
ALTER TABLE "project" ADD COLUMN     "co_paying_outside_ambito" TEXT;
