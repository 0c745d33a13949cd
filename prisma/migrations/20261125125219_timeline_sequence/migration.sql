-- AlterTable
ALTER TABLE "tss_request_status_changes" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- AlterTable
ALTER TABLE "transaction_status_changes" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "tss_request_status_changes_seq_key" ON "tss_request_status_changes"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "transaction_status_changes_seq_key" ON "transaction_status_changes"("seq");

