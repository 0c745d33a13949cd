-- AlterTable
ALTER TABLE "vaults" ADD COLUMN     "root_pubkeys" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "key_share_holder_groups" ADD COLUMN     "tss_key_share_groups" JSONB NOT NULL DEFAULT '[]';

