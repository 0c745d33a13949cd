-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ConsoleRole" AS ENUM ('admin', 'support');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT,
    "external_subject" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vaults" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "cobo_vault_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cobo_project_id" TEXT NOT NULL,
    "active_main_group_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'Created',
    "root_pubkey" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vaults_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_share_holder_groups" (
    "id" UUID NOT NULL,
    "vault_id" UUID NOT NULL,
    "cobo_group_id" TEXT NOT NULL,
    "group_type" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "participants" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'New',
    "lifecycle" TEXT NOT NULL DEFAULT 'active',
    "tss_key_share_group_id" TEXT,
    "root_pubkey" TEXT,
    "superseded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "key_share_holder_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tss_nodes" (
    "id" UUID NOT NULL,
    "node_id" TEXT NOT NULL,
    "user_id" UUID,
    "kind" TEXT NOT NULL DEFAULT 'user',
    "status" TEXT NOT NULL DEFAULT 'active',
    "label" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tss_nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_members" (
    "group_id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "holder_name" TEXT NOT NULL,
    "holder_type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NotActivated',
    "signer" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id","node_id")
);

-- CreateTable
CREATE TABLE "tss_requests" (
    "id" UUID NOT NULL,
    "cobo_tss_request_id" TEXT NOT NULL,
    "vault_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source_group_id" UUID,
    "target_group_id" UUID NOT NULL,
    "description" TEXT,
    "requested_by" TEXT,
    "cobo_created_at" TIMESTAMPTZ(3),
    "finalized_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tss_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wallets" (
    "id" UUID NOT NULL,
    "vault_id" UUID NOT NULL,
    "cobo_wallet_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wallets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "addresses" (
    "id" UUID NOT NULL,
    "wallet_id" UUID NOT NULL,
    "chain_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "memo" TEXT,
    "path" TEXT,
    "pubkey" TEXT,
    "encoding" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "addresses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "id" UUID NOT NULL,
    "request_id" TEXT NOT NULL,
    "cobo_transaction_id" TEXT,
    "wallet_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "chain_id" TEXT NOT NULL,
    "token_id" TEXT NOT NULL,
    "amount" DECIMAL(65,30) NOT NULL,
    "fee_amount" DECIMAL(65,30),
    "fee_token_id" TEXT,
    "fee_params" JSONB,
    "source_address" TEXT,
    "destination_address" TEXT,
    "destination_memo" TEXT,
    "transaction_hash" TEXT,
    "status" TEXT NOT NULL,
    "sub_status" TEXT,
    "failed_reason" TEXT,
    "confirmed_num" INTEGER,
    "confirming_threshold" INTEGER,
    "description" TEXT,
    "user_id" UUID,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "initiator" TEXT,
    "cobo_created_at" TIMESTAMPTZ(3),
    "cobo_updated_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tss_request_status_changes" (
    "id" UUID NOT NULL,
    "tss_request_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "applied" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "webhook_event_id" UUID,
    "payload" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tss_request_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_status_changes" (
    "id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "sub_status" TEXT,
    "source" TEXT NOT NULL,
    "applied" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "webhook_event_id" UUID,
    "payload" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transaction_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "raw_body" TEXT NOT NULL,
    "signature_result" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'push',
    "status" TEXT NOT NULL DEFAULT 'received',
    "cobo_created_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_decisions" (
    "id" UUID NOT NULL,
    "cobo_transaction_id" TEXT,
    "request_id" TEXT,
    "wallet_id" TEXT,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raw_body" TEXT NOT NULL,
    "signature_result" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "console_users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "role" "ConsoleRole" NOT NULL,
    "oidc_subject" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "actor_id" UUID,
    "actor_email" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" TEXT NOT NULL,
    "details" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_external_subject_key" ON "users"("external_subject");

-- CreateIndex
CREATE UNIQUE INDEX "vaults_user_id_key" ON "vaults"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "vaults_cobo_vault_id_key" ON "vaults"("cobo_vault_id");

-- CreateIndex
CREATE UNIQUE INDEX "vaults_active_main_group_id_key" ON "vaults"("active_main_group_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_share_holder_groups_cobo_group_id_key" ON "key_share_holder_groups"("cobo_group_id");

-- CreateIndex
CREATE INDEX "key_share_holder_groups_vault_id_group_type_idx" ON "key_share_holder_groups"("vault_id", "group_type");

-- CreateIndex
CREATE UNIQUE INDEX "tss_nodes_node_id_key" ON "tss_nodes"("node_id");

-- CreateIndex
CREATE INDEX "tss_nodes_user_id_idx" ON "tss_nodes"("user_id");

-- CreateIndex
CREATE INDEX "group_members_node_id_idx" ON "group_members"("node_id");

-- CreateIndex
CREATE UNIQUE INDEX "tss_requests_cobo_tss_request_id_key" ON "tss_requests"("cobo_tss_request_id");

-- CreateIndex
CREATE INDEX "tss_requests_vault_id_created_at_idx" ON "tss_requests"("vault_id", "created_at");

-- CreateIndex
CREATE INDEX "tss_requests_status_idx" ON "tss_requests"("status");

-- CreateIndex
CREATE UNIQUE INDEX "wallets_cobo_wallet_id_key" ON "wallets"("cobo_wallet_id");

-- CreateIndex
CREATE INDEX "wallets_vault_id_idx" ON "wallets"("vault_id");

-- CreateIndex
CREATE INDEX "addresses_wallet_id_idx" ON "addresses"("wallet_id");

-- CreateIndex
CREATE UNIQUE INDEX "addresses_chain_id_address_key" ON "addresses"("chain_id", "address");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_request_id_key" ON "transactions"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_cobo_transaction_id_key" ON "transactions"("cobo_transaction_id");

-- CreateIndex
CREATE INDEX "transactions_wallet_id_created_at_idx" ON "transactions"("wallet_id", "created_at");

-- CreateIndex
CREATE INDEX "transactions_status_idx" ON "transactions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_user_id_idempotency_key_key" ON "transactions"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "tss_request_status_changes_tss_request_id_occurred_at_idx" ON "tss_request_status_changes"("tss_request_id", "occurred_at");

-- CreateIndex
CREATE INDEX "transaction_status_changes_transaction_id_occurred_at_idx" ON "transaction_status_changes"("transaction_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_event_id_key" ON "webhook_events"("event_id");

-- CreateIndex
CREATE INDEX "webhook_events_status_received_at_idx" ON "webhook_events"("status", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_type_idx" ON "webhook_events"("type");

-- CreateIndex
CREATE INDEX "risk_decisions_request_id_idx" ON "risk_decisions"("request_id");

-- CreateIndex
CREATE INDEX "risk_decisions_created_at_idx" ON "risk_decisions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "console_users_email_key" ON "console_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "console_users_oidc_subject_key" ON "console_users"("oidc_subject");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "vaults" ADD CONSTRAINT "vaults_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vaults" ADD CONSTRAINT "vaults_active_main_group_id_fkey" FOREIGN KEY ("active_main_group_id") REFERENCES "key_share_holder_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_share_holder_groups" ADD CONSTRAINT "key_share_holder_groups_vault_id_fkey" FOREIGN KEY ("vault_id") REFERENCES "vaults"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_nodes" ADD CONSTRAINT "tss_nodes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "key_share_holder_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "tss_nodes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_requests" ADD CONSTRAINT "tss_requests_vault_id_fkey" FOREIGN KEY ("vault_id") REFERENCES "vaults"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_requests" ADD CONSTRAINT "tss_requests_source_group_id_fkey" FOREIGN KEY ("source_group_id") REFERENCES "key_share_holder_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_requests" ADD CONSTRAINT "tss_requests_target_group_id_fkey" FOREIGN KEY ("target_group_id") REFERENCES "key_share_holder_groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallets" ADD CONSTRAINT "wallets_vault_id_fkey" FOREIGN KEY ("vault_id") REFERENCES "vaults"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_wallet_id_fkey" FOREIGN KEY ("wallet_id") REFERENCES "wallets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_wallet_id_fkey" FOREIGN KEY ("wallet_id") REFERENCES "wallets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_request_status_changes" ADD CONSTRAINT "tss_request_status_changes_tss_request_id_fkey" FOREIGN KEY ("tss_request_id") REFERENCES "tss_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tss_request_status_changes" ADD CONSTRAINT "tss_request_status_changes_webhook_event_id_fkey" FOREIGN KEY ("webhook_event_id") REFERENCES "webhook_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_status_changes" ADD CONSTRAINT "transaction_status_changes_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_status_changes" ADD CONSTRAINT "transaction_status_changes_webhook_event_id_fkey" FOREIGN KEY ("webhook_event_id") REFERENCES "webhook_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "console_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

