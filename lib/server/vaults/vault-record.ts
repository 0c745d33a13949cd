import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// What the vault use-cases return: the vault row with its groups and their members, with what the
// Client API shows of them (lib/api/v1/vault.presenter.ts turns them into the app's answers).

export const groupRecordSelect = {
  id: true,
  coboGroupId: true,
  groupType: true,
  threshold: true,
  participants: true,
  status: true,
  lifecycle: true,
  rootPubkey: true,
  createdAt: true,
  members: {
    orderBy: { createdAt: "asc" },
    select: {
      holderName: true,
      holderType: true,
      status: true,
      signer: true,
      node: { select: { nodeId: true, kind: true, status: true } },
    },
  },
} as const satisfies Prisma.KeyShareHolderGroupSelect;

/** A key share holder group with its members (oldest first) and their TSS nodes. */
export type GroupRecord = Prisma.KeyShareHolderGroupGetPayload<{ select: typeof groupRecordSelect }>;

const vaultRecordSelect = {
  coboVaultId: true,
  name: true,
  coboProjectId: true,
  status: true,
  rootPubkey: true,
  createdAt: true,
  activeMainGroupId: true,
  activeMainGroup: { select: { coboGroupId: true } },
  groups: { orderBy: { createdAt: "asc" }, select: groupRecordSelect },
} as const satisfies Prisma.VaultSelect;

/** A vault that exists at Cobo, with every group (oldest first) and its active Main Group. */
export type VaultRecord = Prisma.VaultGetPayload<{ select: typeof vaultRecordSelect }> & { coboVaultId: string };

/** The caller's vault with every group; null when they have none (or it is still being created). */
export async function getVaultRecord(userId: string): Promise<VaultRecord | null> {
  const v = await db.vault.findUnique({ where: { userId }, select: vaultRecordSelect });
  if (!v?.coboVaultId) return null;
  return { ...v, coboVaultId: v.coboVaultId };
}
