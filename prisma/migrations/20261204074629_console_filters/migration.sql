-- Indexes for the console's filters (transactions: wallet, user through the wallets, token, address,
-- "stuck longer than"; TSS requests: user through the vault, "stuck longer than"; audit log: actor,
-- target). Each ends in (created_at, id), so a filtered page is still read in keyset order.
-- IF NOT EXISTS, as in the console_list_indexes migration: on a large database build them first
-- with CREATE INDEX CONCURRENTLY under the same names (see docs/database.md).

-- CreateIndex
CREATE INDEX IF NOT EXISTS "tss_requests_vault_id_created_at_id_idx" ON "tss_requests"("vault_id", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_wallet_id_created_at_id_idx" ON "transactions"("wallet_id", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_token_id_created_at_id_idx" ON "transactions"("token_id", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_actor_email_created_at_id_idx" ON "audit_log"("actor_email", "created_at", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "audit_log_target_id_created_at_id_idx" ON "audit_log"("target_id", "created_at", "id");


-- Address filter: either side of the transfer, compared case-insensitively (EVM addresses are
-- written in mixed-case checksum form or in lower case). lib/console/list-transactions.ts uses the
-- same expressions.
CREATE INDEX IF NOT EXISTS "transactions_source_address_lower_idx" ON "transactions"((lower("source_address")), "created_at", "id");
CREATE INDEX IF NOT EXISTS "transactions_destination_address_lower_idx" ON "transactions"((lower("destination_address")), "created_at", "id");

-- "Stuck longer than": open (not final) rows in keyset order. The predicates are the final statuses
-- of the catalogs (lib/domain/status/transaction.ts, tss-request.ts) as literals, like the
-- reconciliation indexes; the list queries repeat the literal predicate (a test checks the plan).
CREATE INDEX IF NOT EXISTS "transactions_open_created_at_idx" ON "transactions"("created_at", "id")
  WHERE "status" NOT IN ('Completed', 'Failed', 'Rejected');
CREATE INDEX IF NOT EXISTS "tss_requests_open_created_at_idx" ON "tss_requests"("created_at", "id")
  WHERE "status" NOT IN ('Success', 'KeyHolderConfirmationFailed', 'KeyGeneratingFailed', 'Canceled');
