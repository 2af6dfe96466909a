-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "browserName" TEXT,
ADD COLUMN     "osName" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "browserName" TEXT,
ADD COLUMN     "osName" TEXT;
