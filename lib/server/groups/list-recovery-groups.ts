import "server-only";
import { db } from "@/lib/db/client";
import { groupRecordSelect, type GroupRecord } from "@/lib/server/vaults/vault-record";

/** The caller's Recovery Groups (the guide's "Fetch Recovery Groups" for a new device). */
export async function listRecoveryGroups(userId: string): Promise<{ groups: GroupRecord[]; activeMainGroupId: string | null }> {
  const vault = await db.vault.findUnique({ where: { userId }, select: { id: true, activeMainGroupId: true } });
  if (!vault) return { groups: [], activeMainGroupId: null };
  const groups = await db.keyShareHolderGroup.findMany({
    where: { vaultId: vault.id, groupType: "RecoveryGroup", coboGroupId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: groupRecordSelect,
  });
  return { groups, activeMainGroupId: vault.activeMainGroupId };
}
