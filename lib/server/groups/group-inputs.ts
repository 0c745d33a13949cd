import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { completeGroupProvisioning, type GroupCreation, type PlannedHolder } from "@/lib/server/groups/provision-group";
import { registerTssNode } from "@/lib/server/tss-nodes/register-tss-node";
import { mainGroupScheme } from "@/lib/server/vaults/cobo-context";

// Checks shared by the group use-cases: the caller's vault, and TSS nodes that are theirs.

/** The caller's vault, which must exist at Cobo. */
export async function requireVault(userId: string) {
  const vault = await db.vault.findUnique({
    where: { userId },
    select: { id: true, coboVaultId: true, userId: true, activeMainGroupId: true, user: { select: { email: true } } },
  });
  if (!vault?.coboVaultId) throw new AppError("conflict", "Create your vault first (POST /api/v1/vault).");
  return { ...vault, coboVaultId: vault.coboVaultId };
}

/**
 * TSS nodes of the caller: registered to them, or registered to them now if nobody has them (the
 * guide's Recovery Group flow hands App 1 the node ids of Apps 2 and 3). Another user's node is
 * "not found", so node ids of other accounts cannot be probed; every id is checked before any is
 * registered, so a refused request registers nothing.
 */
export async function ownNodes(userId: string, nodeIds: readonly string[]): Promise<{ id: string; nodeId: string }[]> {
  const known = await db.tssNode.findMany({ where: { nodeId: { in: [...nodeIds] } }, select: { nodeId: true, userId: true } });
  const foreign = nodeIds.find((id) => known.some((n) => n.nodeId === id && n.userId !== userId));
  if (foreign) throw new AppError("not_found", `TSS node ${foreign} was not found.`);
  for (const id of nodeIds) if (!known.some((n) => n.nodeId === id)) await registerTssNode(userId, id, null);
  const rows = await db.tssNode.findMany({ where: { nodeId: { in: [...nodeIds] } }, select: { id: true, nodeId: true } });
  return nodeIds.map((id) => rows.find((r) => r.nodeId === id)!);
}

/**
 * A TSS node the caller registered (POST /api/v1/tss-nodes) for a new Main Group. Unlike a Recovery
 * Group's devices, a Main Group's device is never registered on the fly: a mistyped or stale id
 * would start a key generation no device can ever approve, and the vault would wait for it. An
 * unknown id and another account's id get the same 422 naming the field, so ids cannot be probed.
 */
export async function registeredNode(userId: string, nodeId: string, field: string): Promise<{ id: string; nodeId: string }> {
  const node = await db.tssNode.findFirst({ where: { nodeId, userId }, select: { id: true, nodeId: true } });
  if (node) return node;
  throw new AppError("invalid_input", `TSS node ${nodeId} is not registered to this account. Register the device's node first (POST /api/v1/tss-nodes).`, {
    issues: [{ path: field, message: "is not one of this account's registered TSS nodes (POST /api/v1/tss-nodes)" }],
  });
}

/** Who asked, for messages: the app user themselves, or a console admin on their behalf. */
export function askedBy(requestedBy: string): "self" | "admin" {
  return requestedBy.startsWith("console:") ? "admin" : "self";
}

/** The open (not final) TSS request that targets a pending group of this vault and type, if any. */
export async function pendingGroupOf(vaultId: string, groupType: string) {
  return db.keyShareHolderGroup.findFirst({
    where: { vaultId, groupType, lifecycle: "pending" },
    orderBy: { createdAt: "desc" },
    select: { id: true, coboGroupId: true, members: { select: { node: { select: { nodeId: true, kind: true } } } } },
  });
}

/** The holders of a new Main Group: the user's device plus the scheme's server co-signers. */
export async function mainGroupHolders(userEmail: string, node: { id: string; nodeId: string }): Promise<PlannedHolder[]> {
  const cosigners = await Promise.all(
    mainGroupScheme().cosignerNodeIds.map((id) =>
      db.tssNode.upsert({ where: { nodeId: id }, update: {}, create: { nodeId: id, kind: "cosigner", label: "server co-signer" }, select: { id: true, nodeId: true } }),
    ),
  );
  // Holder type "API", as Cobo's own Client Backend Demo registers UCW devices.
  return [
    { tssNodeRowId: node.id, tssNodeId: node.nodeId, holderName: userEmail, holderType: "API" },
    ...cosigners.map((c, i) => ({ tssNodeRowId: c.id, tssNodeId: c.nodeId, holderName: `co-signer ${i + 1}`, holderType: "API" as const })),
  ];
}

/**
 * Resumes the vault's pending Main Group when it is for `nodeId` (repeating a request is safe);
 * null when there is none; a conflict when it is for another device.
 */
export async function resumePendingMainGroup(vaultId: string, nodeId: string, conflictMessage: string): Promise<GroupCreation | null> {
  const pending = await pendingGroupOf(vaultId, "MainGroup");
  if (!pending) return null;
  if (!pending.members.some((m) => m.node.nodeId === nodeId)) throw new AppError("conflict", conflictMessage);
  return completeGroupProvisioning(pending.id);
}
