-- CreateEnum
CREATE TYPE "AccessRole" AS ENUM ('user_admin', 'user_manager', 'credential_manager');

-- CreateEnum
CREATE TYPE "AccessUserStatus" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "AccessCodeKind" AS ENUM ('entry', 'mfa');

-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('read', 'write');

-- CreateEnum
CREATE TYPE "AccessImportState" AS ENUM ('previewed', 'importing', 'done', 'cancelled');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "accessRequiresTwoFactor" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "ProjectMember" ADD COLUMN     "accessRole" "AccessRole";

-- CreateTable
CREATE TABLE "AccessUser" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "externalId" TEXT,
    "memberUserId" TEXT,
    "status" "AccessUserStatus" NOT NULL DEFAULT 'active',
    "codesSuspendedAt" TIMESTAMP(3),
    "codesSuspendedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessCard" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "accessUserId" TEXT NOT NULL,
    "facilityCode" INTEGER NOT NULL,
    "cardNumber" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessCode" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "accessUserId" TEXT NOT NULL,
    "kind" "AccessCodeKind" NOT NULL,
    "sealed" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Door" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schedule" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Door_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoorLockout" (
    "doorId" TEXT NOT NULL,
    "card" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "DoorLockout_pkey" PRIMARY KEY ("doorId","card")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" "ApiScope"[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,
    "rateWindowStart" TIMESTAMP(3),
    "rateCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessImport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "state" "AccessImportState" NOT NULL DEFAULT 'previewed',
    "rows" JSONB NOT NULL,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessUser_projectId_name_id_idx" ON "AccessUser"("projectId", "name", "id");

-- CreateIndex
CREATE INDEX "AccessUser_projectId_id_idx" ON "AccessUser"("projectId", "id");

-- CreateIndex
CREATE INDEX "AccessUser_memberUserId_idx" ON "AccessUser"("memberUserId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessUser_projectId_externalId_key" ON "AccessUser"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "AccessCard_accessUserId_idx" ON "AccessCard"("accessUserId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessCard_projectId_facilityCode_cardNumber_key" ON "AccessCard"("projectId", "facilityCode", "cardNumber");

-- CreateIndex
CREATE INDEX "AccessCode_accessUserId_kind_digest_idx" ON "AccessCode"("accessUserId", "kind", "digest");

-- CreateIndex
CREATE INDEX "AccessCode_projectId_digest_idx" ON "AccessCode"("projectId", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "Door_projectId_name_key" ON "Door"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_createdAt_idx" ON "ApiKey"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "AccessImport_projectId_createdAt_idx" ON "AccessImport"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "AccessUser" ADD CONSTRAINT "AccessUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessCard" ADD CONSTRAINT "AccessCard_accessUserId_fkey" FOREIGN KEY ("accessUserId") REFERENCES "AccessUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessCode" ADD CONSTRAINT "AccessCode_accessUserId_fkey" FOREIGN KEY ("accessUserId") REFERENCES "AccessUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Door" ADD CONSTRAINT "Door_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoorLockout" ADD CONSTRAINT "DoorLockout_doorId_fkey" FOREIGN KEY ("doorId") REFERENCES "Door"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessImport" ADD CONSTRAINT "AccessImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one entry code per access user (any number of MFA codes).
CREATE UNIQUE INDEX "AccessCode_one_entry_code" ON "AccessCode"("accessUserId") WHERE "kind" = 'entry';
