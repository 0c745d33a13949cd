-- CreateTable
CREATE TABLE "risk_limits" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "token_id" TEXT NOT NULL,
    "max_amount" DECIMAL(65,30) NOT NULL,
    "window_seconds" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_limits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_address_rules" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "chain_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_address_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMPTZ(3),

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "risk_limits_scope_token_id_window_seconds_key" ON "risk_limits"("scope", "token_id", "window_seconds");

-- CreateIndex
CREATE UNIQUE INDEX "risk_address_rules_kind_chain_id_address_key" ON "risk_address_rules"("kind", "chain_id", "address");

-- CreateIndex
CREATE INDEX "rate_limit_counters_expire_idx" ON "rate_limit_counters"("expire");

