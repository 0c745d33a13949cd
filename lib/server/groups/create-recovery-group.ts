import "server-only";
import { appUserActor, renderActor, type Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { askedBy, ownNodes, requireVault, reshareSourceNodeIds } from "@/lib/server/groups/group-inputs";
import { completeGroupProvisioning, planGroup, type GroupCreation } from "@/lib/server/groups/provision-group";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Create a Recovery Group": a group of the user's other devices, then a
// KeyGenFromKeyGroup TSS request that reshares the active Main Group's key to it. The Recovery
// Group's threshold is the Main Group's, so that many of its devices can later recover the vault
// (and, should Cobo be gone, reconstruct the key offline).

/**
 * Creates a Recovery Group of `nodeIds` (at least the Main Group's threshold, none in the Main Group,
 * none retired). `nodesField` names the input list in a refusal (the Client API's body field, or a
 * console form's).
 */
export async function createRecoveryGroup(
  userId: string,
  nodeIds: string[],
  requestedBy: Actor = appUserActor(userId),
  nodesField = "body.tss_node_ids",
): Promise<GroupCreation> {
  await requireActiveUser(userId, "Recovery Group creation", askedBy(requestedBy));
  const vault = await requireVault(userId);
  if (!vault.activeMainGroupId) throw new AppError("conflict", "Your vault has no active Main Group yet.");
  const main = await db.keyShareHolderGroup.findUniqueOrThrow({
    where: { id: vault.activeMainGroupId },
    select: { id: true, threshold: true, members: { select: { node: { select: { nodeId: true } } } } },
  });
  const unique = [...new Set(nodeIds)];
  if (unique.length !== nodeIds.length) throw new AppError("invalid_input", "The TSS node ids must be different devices.");
  if (unique.length < main.threshold) {
    throw new AppError("invalid_input", `A Recovery Group needs at least ${main.threshold} devices (the Main Group's threshold).`);
  }
  const mainNodes = new Set(main.members.map((m) => m.node.nodeId));
  const overlap = unique.filter((n) => mainNodes.has(n));
  if (overlap.length) throw new AppError("invalid_input", "A Recovery Group must consist of devices other than the Main Group's.");
  // Source of the reshare: the Main Group's own holders (Cobo's first), up to its threshold; never a
  // retired device (the lost phone of the Main Group cannot approve). Checked before any node is
  // registered, so a refused request registers nothing.
  const sourceNodeIds = await reshareSourceNodeIds(
    main.id,
    "The Main Group's device is retired, so it cannot approve copying its key share. Recover the Main Group onto a new device first (POST /api/v1/vault/recoveries).",
  );
  const nodes = await ownNodes(userId, unique, nodesField);

  const groupId = await planGroup({
    vaultId: vault.id,
    groupType: "RecoveryGroup",
    participants: nodes.length,
    threshold: main.threshold,
    holders: nodes.map((n, i) => ({
      tssNodeRowId: n.id,
      tssNodeId: n.nodeId,
      holderName: `${vault.user.email} recovery device ${i + 1}`,
      holderType: "API",
    })),
    tssType: "KeyGenFromKeyGroup",
    sourceGroupId: main.id,
    sourceNodeIds,
    requestedBy: renderActor(requestedBy),
  });
  return completeGroupProvisioning(groupId, { planner: true });
}
