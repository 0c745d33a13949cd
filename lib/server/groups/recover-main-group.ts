import "server-only";
import { appUserActor, renderActor, type Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireProjectScheme } from "@/lib/server/vaults/cobo-context";
import {
  askedBy,
  mainGroupHolders,
  refuseRetiredNode,
  registeredNode,
  requireVault,
  reshareSourceNodeIds,
  resumePendingMainGroup,
} from "@/lib/server/groups/group-inputs";
import { completeGroupProvisioning, planGroup, type GroupCreation } from "@/lib/server/groups/provision-group";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Perform recovery from Recovery Group": a lost phone's replacement gets a new Main
// Group, and a Recovery TSS request reshares the key from the chosen Recovery Group to it. When
// Cobo reports success, applyTssRequestUpdate makes it the vault's active Main Group and keeps the
// old one as history.

/**
 * Starts recovery of the vault's Main Group onto `nodeId` from the Recovery Group `recoveryGroupId`
 * (Cobo id). The new device must have registered its node, as for a first Main Group.
 */
export async function recoverMainGroup(
  userId: string,
  recoveryGroupId: string,
  nodeId: string,
  requestedBy: Actor = appUserActor(userId),
  nodeField = "body.tss_node_id",
): Promise<GroupCreation> {
  await requireActiveUser(userId, "recovery", askedBy(requestedBy));
  const vault = await requireVault(userId);
  const recovery = await db.keyShareHolderGroup.findFirst({
    where: { coboGroupId: recoveryGroupId, vaultId: vault.id, groupType: "RecoveryGroup" },
    select: { id: true, threshold: true, lifecycle: true, status: true, members: { select: { node: { select: { nodeId: true } } } } },
  });
  if (!recovery) throw new AppError("not_found", "That Recovery Group was not found.");
  if (recovery.lifecycle !== "active" || recovery.status !== "Valid")
    throw new AppError("conflict", "That Recovery Group has no key shares yet.");
  // A retired node (the lost phone itself, or another device taken out of use) is never a target.
  await refuseRetiredNode(userId, nodeId, nodeField);
  const recoveryNodes = recovery.members.map((m) => m.node.nodeId);
  if (recoveryNodes.includes(nodeId))
    throw new AppError("invalid_input", "The new device must not be one of the Recovery Group's devices.");

  // Recovery moves the key to a replacement device: onto the current Main Group's own device it
  // would change nothing, and its TSS request would block the real recovery until cancelled.
  if (vault.activeMainGroupId) {
    const current = await db.keyShareHolderGroup.findFirst({
      where: { id: vault.activeMainGroupId, members: { some: { node: { nodeId } } } },
      select: { id: true },
    });
    if (current)
      throw new AppError("invalid_input", "The new device is a device of the current Main Group: recover onto the replacement device.", {
        issues: [{ path: nodeField, message: "is a device of the current Main Group; choose the replacement device" }],
      });
  }

  const node = await registeredNode(userId, nodeId, nodeField);
  const resumed = await resumePendingMainGroup(
    vault.id,
    nodeId,
    "Another Main Group key generation is in progress. Cancel it (POST /api/v1/tss-requests/{id}/cancel) to start this one.",
  );
  if (resumed) return resumed;

  const scheme = await requireProjectScheme(vault.coboProjectId);
  const holders = await mainGroupHolders(vault.user.email, node);
  const groupId = await planGroup({
    vaultId: vault.id,
    groupType: "MainGroup",
    participants: scheme.participants,
    threshold: scheme.threshold,
    holders,
    tssType: "Recovery",
    sourceGroupId: recovery.id,
    sourceNodeIds: await reshareSourceNodeIds(
      recovery.id,
      `Too many of that Recovery Group's devices are retired: recovery needs ${recovery.threshold} of its devices that are not retired.`,
    ),
    requestedBy: renderActor(requestedBy),
  });
  return completeGroupProvisioning(groupId, { planner: true });
}
