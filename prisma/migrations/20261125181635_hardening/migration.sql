-- AlterTable
ALTER TABLE "AuthThrottle" DROP COLUMN "blockedUntil",
DROP COLUMN "failures",
DROP COLUMN "windowStart",
ADD COLUMN     "attempts" TIMESTAMP(3)[],
ADD COLUMN     "notifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "challengeStartedAt" TIMESTAMP(3),
ADD COLUMN     "deviceHash" TEXT,
ADD COLUMN     "previousId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordFailureStreak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "passwordResetRequiredAt" TIMESTAMP(3),
ADD COLUMN     "twoFactorFailureStreak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "twoFactorSuspendedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "VerificationToken" ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "EmailSend" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailSend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailSend_key_createdAt_idx" ON "EmailSend"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_previousId_key" ON "Session"("previousId");

-- CreateIndex
CREATE INDEX "Session_userId_deviceHash_idx" ON "Session"("userId", "deviceHash");
