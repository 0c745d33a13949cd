import "server-only";
import { db } from "@/lib/db/client";
import { groupSelect, groupView, type GroupView } from "@/lib/server/vaults/vault-view";

/** The caller's Recovery Groups (the guide's "Fetch Recovery Groups" for a new device). */
export async function listRecoveryGroups(userId: string): Promise<GroupView[]> {
  const vault = await db.vault.findUnique({ where: { userId }, select: { id: true, activeMainGroupId: true } });
  if (!vault) return [];
  const groups = await db.keyShareHolderGroup.findMany({
    where: { vaultId: vault.id, groupType: "RecoveryGroup", coboGroupId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: groupSelect,
  });
  return groups.map((g) => groupView(g, vault.activeMainGroupId));
}
