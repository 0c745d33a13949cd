import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { mainGroupScheme } from "@/lib/server/vaults/cobo-context";
import { mainGroupHolders, ownNode, requireVault, resumePendingMainGroup } from "@/lib/server/groups/group-inputs";
import { completeGroupProvisioning, planGroup, type GroupCreation } from "@/lib/server/groups/provision-group";

// The guide's "Create a Main Group": a Main Group of the user's TSS node (plus the server
// co-signers of a 2-3 or 3-3 scheme; Cobo adds its own holder), then its KeyGen TSS request. The
// device approves the request through the UCW SDK; its status reaches us by webhook or polling.

/** Creates the vault's Main Group for `nodeId` and its key generation; repeating the call is safe. */
export async function createMainGroup(userId: string, nodeId: string, requestedBy = `user:${userId}`): Promise<GroupCreation> {
  const vault = await requireVault(userId);
  if (vault.activeMainGroupId) throw new AppError("conflict", "Your vault already has a Main Group. Use recovery to move it to a new device.");
  const node = await ownNode(userId, nodeId);

  const resumed = await resumePendingMainGroup(vault.id, nodeId, "A Main Group key generation for another device is in progress.");
  if (resumed) return resumed;

  const scheme = mainGroupScheme();
  const holders = await mainGroupHolders(vault.user.email, node);
  const groupId = await planGroup({
    vaultId: vault.id,
    groupType: "MainGroup",
    participants: scheme.participants,
    threshold: scheme.threshold,
    holders,
    tssType: "KeyGen",
    requestedBy,
  });
  await db.vault.update({ where: { id: vault.id }, data: { status: "MainGroupCreated" } });
  return completeGroupProvisioning(groupId, { planner: true });
}
