-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "factorMethod" TEXT,
ADD COLUMN     "factorVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "verifiedMethod" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "browserLocale" TEXT,
ADD COLUMN     "locale" TEXT;
