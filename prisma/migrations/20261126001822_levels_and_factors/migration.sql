-- CreateEnum
CREATE TYPE "TwoFactorLevel" AS ENUM ('disabled', 'once_per_computer', 'every_login');

-- AlterTable
ALTER TABLE "OneTimeCode" ADD COLUMN     "factorId" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "idleUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TwoFactorFactor" ADD COLUMN     "aaguid" TEXT,
ADD COLUMN     "backedUp" BOOLEAN,
ADD COLUMN     "backupEligible" BOOLEAN,
ADD COLUMN     "credentialId" TEXT,
ADD COLUMN     "fallback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "phoneEncrypted" TEXT,
ADD COLUMN     "phoneHint" TEXT,
ADD COLUMN     "publicKey" BYTEA,
ADD COLUMN     "signCount" BIGINT,
ADD COLUMN     "transports" TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "preferredFactorId" TEXT,
ADD COLUMN     "recoveryReminderAt" TIMESTAMP(3),
ADD COLUMN     "twoFactorLevel" "TwoFactorLevel" NOT NULL DEFAULT 'disabled';

-- CreateTable
CREATE TABLE "TrustedComputer" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "browserName" TEXT,
    "osName" TEXT,
    "userAgent" TEXT,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "TrustedComputer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebAuthnChallenge" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebAuthnChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrustedComputer_tokenHash_key" ON "TrustedComputer"("tokenHash");

-- CreateIndex
CREATE INDEX "TrustedComputer_userId_revokedAt_idx" ON "TrustedComputer"("userId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebAuthnChallenge_challenge_key" ON "WebAuthnChallenge"("challenge");

-- CreateIndex
CREATE INDEX "WebAuthnChallenge_sessionId_purpose_idx" ON "WebAuthnChallenge"("sessionId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "TwoFactorFactor_credentialId_key" ON "TwoFactorFactor"("credentialId");

-- AddForeignKey
ALTER TABLE "TrustedComputer" ADD CONSTRAINT "TrustedComputer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebAuthnChallenge" ADD CONSTRAINT "WebAuthnChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Before levels, two-factor authentication was asked at every sign-in once an authenticator was
-- confirmed: those people keep that.
UPDATE "User" SET "twoFactorLevel" = 'every_login'
WHERE EXISTS (SELECT 1 FROM "TwoFactorFactor" f WHERE f."userId" = "User"."id" AND f."status" = 'active');
