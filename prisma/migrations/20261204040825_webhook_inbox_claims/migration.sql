-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- The inbox worker's claims (lib/jobs/inbox-worker.ts) read the events still to apply in the
-- order they become due. Partial, so it holds only those (Prisma's schema cannot express it).
CREATE INDEX "webhook_events_due_idx" ON "webhook_events"("next_attempt_at") WHERE "status" IN ('received', 'failed');
