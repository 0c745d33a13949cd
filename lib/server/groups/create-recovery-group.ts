import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { coboKeyHolderNodeId } from "@/lib/server/vaults/cobo-context";
import { askedBy, ownNodes, requireVault } from "@/lib/server/groups/group-inputs";
import { completeGroupProvisioning, planGroup, type GroupCreation } from "@/lib/server/groups/provision-group";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Create a Recovery Group": a group of the user's other devices, then a
// KeyGenFromKeyGroup TSS request that reshares the active Main Group's key to it. The Recovery
// Group's threshold is the Main Group's, so that many of its devices can later recover the vault
// (and, should Cobo be gone, reconstruct the key offline).

/** Creates a Recovery Group of `nodeIds` (at least the Main Group's threshold, none in the Main Group). */
export async function createRecoveryGroup(userId: string, nodeIds: string[], requestedBy = `user:${userId}`): Promise<GroupCreation> {
  await requireActiveUser(userId, "Recovery Group creation", askedBy(requestedBy));
  const vault = await requireVault(userId);
  if (!vault.activeMainGroupId) throw new AppError("conflict", "Your vault has no active Main Group yet.");
  const main = await db.keyShareHolderGroup.findUniqueOrThrow({
    where: { id: vault.activeMainGroupId },
    select: { id: true, threshold: true, members: { select: { node: { select: { nodeId: true, kind: true, userId: true } } } } },
  });
  const unique = [...new Set(nodeIds)];
  if (unique.length !== nodeIds.length) throw new AppError("invalid_input", "The TSS node ids must be different devices.");
  if (unique.length < main.threshold) {
    throw new AppError("invalid_input", `A Recovery Group needs at least ${main.threshold} devices (the Main Group's threshold).`);
  }
  const mainNodes = new Set(main.members.map((m) => m.node.nodeId));
  const overlap = unique.filter((n) => mainNodes.has(n));
  if (overlap.length) throw new AppError("invalid_input", "A Recovery Group must consist of devices other than the Main Group's.");
  const nodes = await ownNodes(userId, unique);

  // Source of the reshare: Cobo's holder plus enough of the Main Group's other holders to reach its threshold.
  const coboNode = await coboKeyHolderNodeId();
  const others = main.members.map((m) => m.node).filter((n) => n.kind !== "cobo").map((n) => n.nodeId);
  const sourceNodeIds = [coboNode, ...others].slice(0, main.threshold);

  const groupId = await planGroup({
    vaultId: vault.id,
    groupType: "RecoveryGroup",
    participants: nodes.length,
    threshold: main.threshold,
    holders: nodes.map((n, i) => ({ tssNodeRowId: n.id, tssNodeId: n.nodeId, holderName: `${vault.user.email} recovery device ${i + 1}`, holderType: "API" })),
    tssType: "KeyGenFromKeyGroup",
    sourceGroupId: main.id,
    sourceNodeIds,
    requestedBy,
  });
  return completeGroupProvisioning(groupId, { planner: true });
}
