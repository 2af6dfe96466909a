-- AlterTable
ALTER TABLE "TrustedComputer" ADD COLUMN     "method" "FactorType";
