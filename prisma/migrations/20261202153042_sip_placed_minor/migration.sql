-- AlterTable
ALTER TABLE "project" ADD COLUMN     "placed_minor" BOOLEAN NOT NULL DEFAULT false;
