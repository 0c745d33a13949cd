-- AlterTable
ALTER TABLE "risk_decisions" ADD COLUMN     "rule_id" TEXT,
ADD COLUMN     "rule_type" TEXT,
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT 'callback';

