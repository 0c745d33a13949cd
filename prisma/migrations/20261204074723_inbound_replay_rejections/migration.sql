-- AlterTable
ALTER TABLE "tss_requests" ADD COLUMN     "status_observed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "inbound_rejection_counts" (
    "channel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "first_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_rejection_counts_pkey" PRIMARY KEY ("channel","reason")
);

-- CreateTable
CREATE TABLE "inbound_rejection_samples" (
    "id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timestamp_header" TEXT,
    "body_bytes" INTEGER NOT NULL,
    "body_sha256" TEXT,
    "claimed_event_id" TEXT,
    "claimed_type" TEXT,
    "client_ip" TEXT,
    "request_id" TEXT,

    CONSTRAINT "inbound_rejection_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_rejection_samples_channel_received_at_idx" ON "inbound_rejection_samples"("channel", "received_at");

