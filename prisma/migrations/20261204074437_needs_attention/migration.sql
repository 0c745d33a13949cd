-- AlterTable
ALTER TABLE "console_users" ADD COLUMN     "time_zone" TEXT;

-- CreateTable
CREATE TABLE "attention_acknowledgements" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "actor_id" UUID,
    "actor_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attention_acknowledgements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attention_alerts" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "item_count" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "new_classes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_status" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "attention_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "attention_acknowledgements_kind_subject_id_key" ON "attention_acknowledgements"("kind", "subject_id");

-- CreateIndex
CREATE INDEX "attention_alerts_created_at_idx" ON "attention_alerts"("created_at");


-- The "Needs attention" queue (lib/server/attention/attention-queue.ts) reads each class through
-- an index. Partial indexes are written here by hand (Prisma's schema cannot say them, and its diff
-- does not drop them); their predicates are literals the queue's queries repeat word for word, the
-- final statuses of lib/server/tss-requests/tss-status.ts and the callback failure codes of
-- CALLBACK_FAILURE_CODES. device_wait, webhook_failed and drift_open use the console lists'
-- (status, time, id) and (resolved_at, detected_at) indexes. On a large existing database build
-- these first with CREATE INDEX CONCURRENTLY under the same names (docs/database.md).
CREATE INDEX IF NOT EXISTS "tss_requests_open_created_idx" ON "tss_requests"("created_at")
  WHERE "status" NOT IN ('Success', 'KeyHolderConfirmationFailed', 'KeyGeneratingFailed', 'Canceled');
CREATE INDEX IF NOT EXISTS "transactions_failed_withdrawals_updated_idx" ON "transactions"("updated_at")
  WHERE "type" = 'Withdrawal' AND "status" IN ('Failed', 'Rejected');
CREATE INDEX IF NOT EXISTS "risk_decisions_callback_failures_idx" ON "risk_decisions"("created_at")
  WHERE ("signature_result" <> 'valid' OR "reason" LIKE 'verification_error:%' OR "reason" LIKE 'malformed_body:%'
    OR "reason" LIKE 'body_too_large:%' OR "reason" LIKE 'timeout:%' OR "reason" LIKE 'internal_error:%');
