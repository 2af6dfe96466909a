-- CreateEnum
CREATE TYPE "GraceScope" AS ENUM ('everyone', 'phone_only');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "graceScope" "GraceScope" NOT NULL DEFAULT 'everyone';
