-- CreateEnum
CREATE TYPE "FactorType" AS ENUM ('totp', 'sms', 'voice', 'webauthn');

-- CreateEnum
CREATE TYPE "FactorStatus" AS ENUM ('pending', 'active');

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "challengeFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingStep" TEXT,
ADD COLUMN     "pendingUntil" TIMESTAMP(3),
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailLoginVerification" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastFactorType" "FactorType",
ADD COLUMN     "twoFactorChangedAt" TIMESTAMP(3),
ADD COLUMN     "twoFactorFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "twoFactorLockedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TwoFactorFactor" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" "FactorType" NOT NULL,
    "status" "FactorStatus" NOT NULL DEFAULT 'pending',
    "secretEncrypted" TEXT,
    "lastUsedStep" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "TwoFactorFactor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "selector" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OneTimeCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT,
    "purpose" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimeCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TwoFactorFactor_userId_status_idx" ON "TwoFactorFactor"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_userId_selector_key" ON "RecoveryCode"("userId", "selector");

-- CreateIndex
CREATE INDEX "OneTimeCode_userId_createdAt_idx" ON "OneTimeCode"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "TwoFactorFactor" ADD CONSTRAINT "TwoFactorFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OneTimeCode" ADD CONSTRAINT "OneTimeCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
