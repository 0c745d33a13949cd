-- The console's search box (lib/console/search.ts) and the Transactions list's search
-- (lib/console/list-transactions.ts) look keys up whole, each through a b-tree index:
-- a client's Idempotency-Key on its own (the unique (user_id, idempotency_key) cannot serve it),
-- and transaction hashes and addresses case-insensitively (explorers show EVM hashes and addresses
-- checksummed or lower-case). The expression indexes are written here only: Prisma's schema cannot
-- declare them and its diff does not drop them.
--
-- On a large existing database each CREATE INDEX blocks writes to its table while it builds: build
-- them first with CREATE INDEX CONCURRENTLY under the same names, then migrate.

-- CreateIndex
CREATE INDEX IF NOT EXISTS "transactions_idempotency_key_idx" ON "transactions"("idempotency_key");

CREATE INDEX IF NOT EXISTS "transactions_transaction_hash_lower_idx" ON "transactions" (lower("transaction_hash"));
CREATE INDEX IF NOT EXISTS "transactions_source_address_lower_idx" ON "transactions" (lower("source_address"));
CREATE INDEX IF NOT EXISTS "transactions_destination_address_lower_idx" ON "transactions" (lower("destination_address"));
CREATE INDEX IF NOT EXISTS "addresses_address_lower_idx" ON "addresses" (lower("address"));
