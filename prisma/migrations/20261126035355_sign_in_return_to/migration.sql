-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "returnTo" TEXT;
