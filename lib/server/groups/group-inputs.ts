import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { isRetiredNode } from "@/lib/domain/status/tss-node";
import { AppError } from "@/lib/errors";
import { completeGroupProvisioning, type GroupCreation, type PlannedHolder } from "@/lib/server/groups/provision-group";
import { registerTssNode } from "@/lib/server/tss-nodes/register-tss-node";
import { mainGroupScheme } from "@/lib/server/vaults/cobo-context";

// Checks shared by the group use-cases: the caller's vault, and TSS nodes that are theirs.

/** The caller's vault, which must exist at Cobo. */
export async function requireVault(userId: string) {
  const vault = await db.vault.findUnique({
    where: { userId },
    select: {
      id: true,
      coboVaultId: true,
      coboProjectId: true,
      userId: true,
      activeMainGroupId: true,
      user: { select: { email: true } },
    },
  });
  if (!vault?.coboVaultId) throw new AppError("conflict", "Create your vault first (POST /api/v1/vault).");
  return { ...vault, coboVaultId: vault.coboVaultId };
}

/**
 * TSS nodes of the caller: registered to them, or registered to them now if nobody has them (the
 * guide's Recovery Group flow hands App 1 the node ids of Apps 2 and 3). Another user's node is
 * "not found", so node ids of other accounts cannot be probed; a node the caller retired is a 422
 * naming its item of `field`; every id is checked before any is registered, so a refused request
 * registers nothing.
 */
export async function ownNodes(
  userId: string,
  nodeIds: readonly string[],
  field = "body.tss_node_ids",
): Promise<{ id: string; nodeId: string }[]> {
  const known = await db.tssNode.findMany({
    where: { nodeId: { in: [...nodeIds] } },
    select: { nodeId: true, userId: true, status: true },
  });
  const foreign = nodeIds.find((id) => known.some((n) => n.nodeId === id && n.userId !== userId));
  if (foreign) throw new AppError("not_found", `TSS node ${foreign} was not found.`);
  const retired = nodeIds.flatMap((id, i) => (known.some((n) => n.nodeId === id && isRetiredNode(n.status)) ? [{ id, i }] : []));
  if (retired.length)
    throw new AppError(
      "invalid_input",
      `TSS node ${retired[0]!.id} is retired (a lost or replaced device) and cannot join a Recovery Group.`,
      { issues: retired.map((r) => ({ path: `${field}.${r.i}`, message: RETIRED_NODE_ISSUE })) },
    );
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
  const node = await db.tssNode.findFirst({ where: { nodeId, userId }, select: { id: true, nodeId: true, status: true } });
  if (node && isRetiredNode(node.status)) throw retiredNodeRefusal(nodeId, field);
  if (node) return { id: node.id, nodeId: node.nodeId };
  throw new AppError(
    "invalid_input",
    `TSS node ${nodeId} is not registered to this account. Register the device's node first (POST /api/v1/tss-nodes).`,
    {
      issues: [{ path: field, message: "is not one of this account's registered TSS nodes (POST /api/v1/tss-nodes)" }],
    },
  );
}

const RETIRED_NODE_ISSUE = "is a retired TSS node (a lost or replaced device); use a device that is not retired";

/** The 422 for a retired node offered as a group's device (`field` names the input). */
export function retiredNodeRefusal(nodeId: string, field: string): AppError {
  return new AppError(
    "invalid_input",
    `TSS node ${nodeId} is retired (a lost or replaced device) and cannot hold a key share again. Use a device that is not retired.`,
    { issues: [{ path: field, message: RETIRED_NODE_ISSUE }] },
  );
}

/** Refuses `nodeId` when it is one of the caller's retired nodes (other cases are checked by the caller). */
export async function refuseRetiredNode(userId: string, nodeId: string, field: string): Promise<void> {
  const node = await db.tssNode.findFirst({ where: { nodeId, userId }, select: { status: true } });
  if (node && isRetiredNode(node.status)) throw retiredNodeRefusal(nodeId, field);
}

/** Who asked, for messages: the app user themselves, or a console admin on their behalf. */
export function askedBy(requestedBy: Actor): "self" | "admin" {
  return requestedBy.kind === "console" ? "admin" : "self";
}

/** The open (not final) TSS request that targets a pending group of this vault and type, if any. */
export async function pendingGroupOf(vaultId: string, groupType: string) {
  return db.keyShareHolderGroup.findFirst({
    where: { vaultId, groupType, lifecycle: "pending" },
    orderBy: { createdAt: "desc" },
    select: { id: true, coboGroupId: true, members: { select: { node: { select: { nodeId: true, kind: true } } } } },
  });
}

/**
 * The holders of a new Main Group: the user's device plus the scheme's server co-signers (Cobo adds
 * its own). Each carries Cobo's `signer` flag, the designated transaction signers [Cobo:
 * `CreateKeyShareHolder.signer`: "in a 2-3 TSS, Cobo will serve as one signer, and you can choose
 * one of the other two key share holders to act as the second"]: Cobo is one, so `threshold - 1` of
 * ours sign, the user's device first (a User-Controlled Wallet's transactions need the user's
 * approval). 2-2: the device; 2-3: the device, not the co-signer (a backup holder); 3-3: both.
 */
export async function mainGroupHolders(userEmail: string, node: { id: string; nodeId: string }): Promise<PlannedHolder[]> {
  const cosigners = await Promise.all(
    mainGroupScheme().cosignerNodeIds.map((id) =>
      db.tssNode.upsert({
        where: { nodeId: id },
        update: {},
        create: { nodeId: id, kind: "cosigner", label: "server co-signer" },
        select: { id: true, nodeId: true },
      }),
    ),
  );
  // Holder type "API", as Cobo's own Client Backend Demo registers UCW devices.
  const ourSigners = mainGroupScheme().threshold - 1;
  return [
    { tssNodeRowId: node.id, tssNodeId: node.nodeId, holderName: userEmail, holderType: "API", signer: true },
    ...cosigners.map((c, i) => ({
      tssNodeRowId: c.id,
      tssNodeId: c.nodeId,
      holderName: `co-signer ${i + 1}`,
      holderType: "API" as const,
      signer: i + 1 < ourSigners,
    })),
  ];
}

/**
 * The source TSS node ids of a reshare (KeyGenFromKeyGroup, Recovery) out of `groupId`: its own
 * members, never a global holder list, in a stable order: Cobo's holder first (Cobo's note on
 * `source_key_share_holder_group.tss_node_ids`: "1 Cobo TSS Node ID and enough non-Cobo TSS Node IDs
 * to satisfy the number of approvers specified in threshold"), then designated signers, then the
 * user's devices, then the rest, each by node id; cut to the group's threshold. Retired nodes are
 * never sources (their device is lost or out of use and would never approve): when fewer than the
 * threshold remain, the reshare cannot work and `tooFewActive` is thrown as a conflict.
 */
export async function reshareSourceNodeIds(groupId: string, tooFewActive: string): Promise<string[]> {
  const group = await db.keyShareHolderGroup.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      threshold: true,
      members: { select: { holderType: true, signer: true, node: { select: { nodeId: true, kind: true, status: true } } } },
    },
  });
  const usable = group.members.filter((m) => !isRetiredNode(m.node.status));
  // (Only a retirement makes a group short here: a group as Cobo made it is taken as it is.)
  if (usable.length < group.members.length && usable.length < group.threshold) throw new AppError("conflict", tooFewActive);
  const rank = (m: (typeof usable)[number]) => [
    m.node.kind === "cobo" || m.holderType === "Cobo" ? 0 : 1,
    m.signer ? 0 : 1,
    m.node.kind === "user" ? 0 : 1,
  ];
  const ordered = [...usable].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.node.nodeId < b.node.nodeId ? -1 : a.node.nodeId > b.node.nodeId ? 1 : 0;
  });
  return ordered.map((m) => m.node.nodeId).slice(0, group.threshold);
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
