-- AlterTable
ALTER TABLE "wallets" ADD COLUMN     "balances_read_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "addresses" ADD COLUMN     "balances_read_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "transactions" ADD COLUMN     "fee_level" TEXT;

-- CreateTable
CREATE TABLE "wallet_balances" (
    "id" UUID NOT NULL,
    "wallet_id" UUID NOT NULL,
    "token_id" TEXT NOT NULL,
    "total" DECIMAL(65,30) NOT NULL,
    "available" DECIMAL(65,30) NOT NULL,
    "pending" DECIMAL(65,30) NOT NULL,
    "locked" DECIMAL(65,30) NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wallet_balances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "address_balances" (
    "id" UUID NOT NULL,
    "address_id" UUID NOT NULL,
    "token_id" TEXT NOT NULL,
    "total" DECIMAL(65,30) NOT NULL,
    "available" DECIMAL(65,30) NOT NULL,
    "pending" DECIMAL(65,30) NOT NULL,
    "locked" DECIMAL(65,30) NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "address_balances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "wallet_balances_wallet_id_token_id_key" ON "wallet_balances"("wallet_id", "token_id");

-- CreateIndex
CREATE UNIQUE INDEX "address_balances_address_id_token_id_key" ON "address_balances"("address_id", "token_id");

-- AddForeignKey
ALTER TABLE "wallet_balances" ADD CONSTRAINT "wallet_balances_wallet_id_fkey" FOREIGN KEY ("wallet_id") REFERENCES "wallets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "address_balances" ADD CONSTRAINT "address_balances_address_id_fkey" FOREIGN KEY ("address_id") REFERENCES "addresses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

