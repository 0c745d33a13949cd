-- AlterTable
ALTER TABLE "tss_nodes" ADD COLUMN     "retire_reason" TEXT,
ADD COLUMN     "retired_at" TIMESTAMPTZ(3),
ADD COLUMN     "retired_by" TEXT,
ADD COLUMN     "secrets_backed_up_at" TIMESTAMPTZ(3),
ADD COLUMN     "secrets_backup_method" TEXT,
ADD COLUMN     "secrets_backup_reported_at" TIMESTAMPTZ(3);

