-- Indexes for the console's lists at scale (keyset pagination on every offered sort with `id` as the
-- tiebreak, filters, filter menus read with a loose index scan) and for reconciliation's scan of
-- open objects. Every statement is IF NOT EXISTS: on a large existing database an operator can build
-- them first with CREATE INDEX CONCURRENTLY under the same names (no write lock), and this migration
-- then skips them. Otherwise each CREATE INDEX blocks writes to its table while it builds
-- (about a minute per index on a million transactions). See docs/database.md.

-- CreateIndex
CREATE INDEX IF NOT EXISTS "users_created_at_id_idx" ON "users"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "users_status_created_at_id_idx" ON "users"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "users_email_id_idx" ON "users"("email", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "vaults_created_at_id_idx" ON "vaults"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "vaults_status_created_at_id_idx" ON "vaults"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "vaults_name_id_idx" ON "vaults"("name", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "tss_requests_created_at_id_idx" ON "tss_requests"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "tss_requests_updated_at_id_idx" ON "tss_requests"("updated_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "tss_requests_status_created_at_id_idx" ON "tss_requests"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "tss_requests_type_created_at_id_idx" ON "tss_requests"("type", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_created_at_id_idx" ON "transactions"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_status_created_at_id_idx" ON "transactions"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_type_created_at_id_idx" ON "transactions"("type", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_chain_id_created_at_id_idx" ON "transactions"("chain_id", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_amount_id_idx" ON "transactions"("amount", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "webhook_events_received_at_id_idx" ON "webhook_events"("received_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "webhook_events_status_received_at_id_idx" ON "webhook_events"("status", "received_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "webhook_events_type_received_at_id_idx" ON "webhook_events"("type", "received_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "webhook_events_signature_result_received_at_id_idx" ON "webhook_events"("signature_result", "received_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "webhook_events_attempts_id_idx" ON "webhook_events"("attempts", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "risk_decisions_created_at_id_idx" ON "risk_decisions"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "risk_decisions_decision_created_at_id_idx" ON "risk_decisions"("decision", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "risk_decisions_signature_result_created_at_id_idx" ON "risk_decisions"("signature_result", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_created_at_id_idx" ON "audit_log"("created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_actor_email_id_idx" ON "audit_log"("actor_email", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_action_created_at_id_idx" ON "audit_log"("action", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_outcome_created_at_id_idx" ON "audit_log"("outcome", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "reconciliation_drifts_detected_at_id_idx" ON "reconciliation_drifts"("detected_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "reconciliation_drifts_subject_type_detected_at_id_idx" ON "reconciliation_drifts"("subject_type", "detected_at", "id");


-- Sort keys over nullable columns: NULL is mapped to a value that sorts, so keyset comparisons
-- (row-wise <, >) never drop a row.
CREATE INDEX IF NOT EXISTS "vaults_cobo_vault_id_sort_idx" ON "vaults"((coalesce("cobo_vault_id", '')), "id");
CREATE INDEX IF NOT EXISTS "reconciliation_drifts_resolved_at_sort_idx" ON "reconciliation_drifts"((coalesce("resolved_at", 'infinity'::timestamptz)), "id");

-- Reconciliation re-reads only objects that are not final, least recently synced first. The
-- predicates are the final statuses of lib/server/transactions/transaction-status.ts and
-- lib/server/tss-requests/tss-status.ts, written as literals: reconcile.ts queries with the same
-- literal predicate, and a test checks with EXPLAIN that the index is used.
CREATE INDEX IF NOT EXISTS "transactions_open_last_synced_idx" ON "transactions"("last_synced_at" ASC NULLS FIRST)
  WHERE "status" NOT IN ('Completed', 'Failed', 'Rejected');
CREATE INDEX IF NOT EXISTS "tss_requests_open_last_synced_idx" ON "tss_requests"("last_synced_at" ASC NULLS FIRST)
  WHERE "status" NOT IN ('Success', 'KeyHolderConfirmationFailed', 'KeyGeneratingFailed', 'Canceled');

-- Substring search (ILIKE '%q%') through trigram GIN indexes. pg_trgm ships with PostgreSQL's
-- contrib and with PGlite (loaded by lib/db/embedded-server.ts); it is a trusted extension, so the
-- database owner can create it. Where it cannot be created the migration still succeeds and search
-- falls back to scanning (slower, same results).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%); console search will scan instead of using an index', SQLERRM;
END
$$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "vaults_cobo_vault_id_trgm_idx" ON "vaults" USING gin ("cobo_vault_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "vaults_name_trgm_idx" ON "vaults" USING gin ("name" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "tss_requests_cobo_tss_request_id_trgm_idx" ON "tss_requests" USING gin ("cobo_tss_request_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "transactions_cobo_transaction_id_trgm_idx" ON "transactions" USING gin ("cobo_transaction_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "transactions_request_id_trgm_idx" ON "transactions" USING gin ("request_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "transactions_transaction_hash_trgm_idx" ON "transactions" USING gin ("transaction_hash" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "webhook_events_event_id_trgm_idx" ON "webhook_events" USING gin ("event_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "risk_decisions_request_id_trgm_idx" ON "risk_decisions" USING gin ("request_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "risk_decisions_cobo_transaction_id_trgm_idx" ON "risk_decisions" USING gin ("cobo_transaction_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "risk_decisions_wallet_id_trgm_idx" ON "risk_decisions" USING gin ("wallet_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "audit_log_actor_email_trgm_idx" ON "audit_log" USING gin ("actor_email" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "audit_log_target_id_trgm_idx" ON "audit_log" USING gin ("target_id" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "reconciliation_drifts_subject_id_trgm_idx" ON "reconciliation_drifts" USING gin ("subject_id" gin_trgm_ops);
  END IF;
END
$$;
